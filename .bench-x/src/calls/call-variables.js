import { addRecording } from './recording-files.js';
/** Channel variables the tracker reads (VarSet, or ChanVariable when listed in manager.conf `channelvars`). */
const RECORDING_VARS = ['MIXMONITOR_FILENAME', 'REC_FILE', 'CDR(recordingfile)'];
const CRM_CALL_ID_VARS = new Set(['__CRM_CALL_ID', '_CRM_CALL_ID', 'CRM_CALL_ID']);
const WANTED = new Set([...RECORDING_VARS, ...CRM_CALL_ID_VARS]);
export function isWantedVariable(name) {
    return WANTED.has(name);
}
/**
 * Recording paths (each recording once, in start order; MIXMONITOR_FILENAME, the file MixMonitor writes, wins over the
 * dialplan's REC_FILE and MikoPBX's CDR(recordingfile) naming the same one) and the CRM's own call id
 * (`__CRM_CALL_ID`: the `__` prefix makes it inherited and stays in the name), from any event of a known leg.
 */
export function noteVariables(core, ev) {
    let wanted = false;
    for (const name in ev.vars)
        if (WANTED.has(name))
            wanted = true;
    if (!wanted)
        return;
    const leg = core.legs.get(ev.fields['uniqueid'] ?? '');
    const call = leg ? core.callOf(leg) : undefined;
    if (!call)
        return;
    for (const name in ev.vars) {
        const value = ev.vars[name];
        if (!value)
            continue;
        if (RECORDING_VARS.some((v) => v === name))
            addRecording(call.recordings, value, ev.timeMs, name === 'MIXMONITOR_FILENAME');
        else if (CRM_CALL_ID_VARS.has(name))
            call.crmCallId ??= value;
    }
}
