import { LiveChannels } from '../harness/ami/ami-live-channels.js';
import { defaultAnswer, parseAction, response, withActionId } from '../harness/ami/ami-replay-actions.js';
import { serializeFrame } from '../harness/ami/ami-transcript.js';
import { LOAD_SECRET, LOAD_USER } from './load-server.js';
function answer(socket, actionId, frames) {
    for (const frame of frames)
        socket.write(serializeFrame(withActionId(frame, actionId)));
}
export function serveAmiSession(socket, onLogin) {
    const live = new LiveChannels();
    let buffer = '';
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    socket.on('data', (chunk) => {
        buffer += chunk;
        const blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
            const action = parseAction(block);
            if (!action)
                continue;
            if (action.name.toLowerCase() !== 'login') {
                answer(socket, action.actionId, defaultAnswer(action, live, Date.now()));
                continue;
            }
            if (action.fields['username'] !== LOAD_USER || action.fields['secret'] !== LOAD_SECRET) {
                answer(socket, action.actionId, [response('Error', { Message: 'Authentication failed' })]);
                continue;
            }
            answer(socket, action.actionId, [response('Success', { Message: 'Authentication accepted' })]);
            answer(socket, undefined, [[['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', '3'], ['LastReload', '3'], ['Status', 'Fully Booted']]]);
            onLogin();
        }
    });
}
