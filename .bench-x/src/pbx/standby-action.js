import { AmiActionError } from './ami-client.js';
import { AmiSession, AmiSessionOpenError } from './ami-session.js';
/**
 * Runs one action for an instance in standby (it does not hold the PBX's lease, so it keeps no AMI connection): logs
 * in with `Events: off`, sends the action, logs off. The PBX streams no events to this session, so a standby adds a
 * login per click-to-call instead of a second copy of the whole event stream. Throws AmiActionError:
 * 'not-connected' when the PBX cannot be reached or refuses the login, else as AmiConnection.action.
 */
export async function runStandbyAction(target, name, fields, timeoutMs, log) {
    let session;
    try {
        const ignore = { onEvent: () => undefined, onMalformed: () => undefined, onClosed: () => undefined };
        session = await AmiSession.open({ ...target, events: 'off' }, timeoutMs, ignore, log);
    }
    catch (err) {
        const message = err instanceof AmiSessionOpenError ? err.message : 'AMI connection failed';
        throw new AmiActionError(`AMI action ${name} refused: ${message}`, 'not-connected');
    }
    try {
        return await session.send(name, fields, { timeoutMs, list: false });
    }
    finally {
        session.send('Logoff', {}, { timeoutMs: 1000, list: false }).catch(() => undefined).finally(() => session.destroy('action done'));
    }
}
