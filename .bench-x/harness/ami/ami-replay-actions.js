import { framePairs } from './ami-transcript.js';
export function parseAction(text) {
    const pairs = framePairs(text);
    const fields = {};
    for (const [k, v] of pairs)
        if (!(k.toLowerCase() in fields))
            fields[k.toLowerCase()] = v;
    const name = fields['action'];
    if (name === undefined)
        return null;
    return { name, actionId: fields['actionid'], fields, pairs };
}
export function response(status, extra) {
    return [['Response', status], ...Object.entries(extra)];
}
function timestampNow(nowMs) {
    return (nowMs / 1000).toFixed(6);
}
/** `YYYY-MM-DD` and `HH:MM:SS` in this process's local time, as Asterisk writes CoreStartupDate/Time (its local time). */
export function localDateTime(ms) {
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, '0');
    return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}` };
}
/** Answers the replay server gives by default (Login is handled by the server itself). */
export function defaultAnswer(action, live, nowMs, pbx = { startedAtMs: nowMs }) {
    switch (action.name.toLowerCase()) {
        case 'corestatus': {
            const started = localDateTime(pbx.startedAtMs);
            return [response('Success', {
                    CoreStartupDate: started.date, CoreStartupTime: started.time, CoreReloadDate: started.date, CoreReloadTime: started.time,
                    CoreCurrentCalls: String(live.size),
                })];
        }
        case 'ping':
            return [response('Success', { Ping: 'Pong', Timestamp: timestampNow(nowMs) })];
        case 'coreshowchannels': {
            const items = live.items();
            return [
                response('Success', { EventList: 'start', Message: 'Channels will follow' }),
                ...items,
                [['Event', 'CoreShowChannelsComplete'], ['EventList', 'Complete'], ['ListItems', String(items.length)]],
            ];
        }
        case 'originate':
            return [response('Success', { Message: 'Originate successfully queued' })];
        case 'logoff':
            return [response('Goodbye', { Message: 'Thanks for all the fish.' })];
        default:
            return [response('Error', { Message: 'Invalid/unknown command' })];
    }
}
/** Inserts `ActionID` after the first line of every frame when the action had one and the frame has none. */
export function withActionId(spec, actionId) {
    const frame = isPairs(spec) ? spec : Object.entries(spec);
    if (actionId === undefined || frame.some(([k]) => k.toLowerCase() === 'actionid'))
        return frame;
    const [first, ...rest] = frame;
    return first ? [first, ['ActionID', actionId], ...rest] : frame;
}
function isPairs(spec) {
    return Array.isArray(spec);
}
