import { asRecordings } from './recording-files.js';
import { readPbxLiveness } from './pbx-liveness.js';
/** Ended ids kept in a saved state: enough to drop late events of calls that ended just before a restart. */
export const ENDED_IN_SNAPSHOT = 2_000;
export const LEG_FIELDS = [
    'uid', 'name', 'linkedId', 'callId', 'localBase', 'localHalf', 'firstContext', 'firstExten', 'trunk', 'cidNum', 'connNum',
    'context', 'exten', 'state', 'originated', 'dialled', 'dialledOut', 'operator', 'dialledBy', 'attempt', 'bridgeId', 'hungUp',
];
export const CALL_FIELDS = [
    'id', 'order', 'linkedIds', 'legs', 'liveLegs', 'startedAtMs', 'lastEventMs', 'firstLegUid', 'inbound', 'externalNumber', 'line',
    'outbound', 'callerExtension', 'originate', 'attempts', 'answeredBy', 'answeredAtMs', 'transfers', 'queue', 'hangupCause',
    'recordings', 'crmCallId', 'seq', 'announced', 'answerEmitted', 'operatorOutcome', 'causes', 'answerUnobserved',
];
const legFieldsComplete = true;
const callFieldsComplete = true;
void legFieldsComplete;
void callFieldsComplete;
export function isTrackerJson(data) {
    if (typeof data !== 'object' || data === null)
        return false;
    const d = data;
    return (d['version'] === 1 || d['version'] === 2) && Array.isArray(d['legs']) && Array.isArray(d['calls'])
        && Array.isArray(d['bridges']) && Array.isArray(d['ended']);
}
export function loadTracker(core, data) {
    const legs = data.version === 1 ? data.legs.map((leg) => ({ ...leg })) : data.legs.map((row) => fromRow(row, LEG_FIELDS));
    const calls = data.version === 1 ? data.calls.slice() : data.calls.map((row) => fromRow(row, CALL_FIELDS));
    core.nextOrder = data.nextOrder;
    core.pbx = readPbxLiveness(data.pbx);
    for (const leg of legs)
        core.legs.set(leg.uid, leg);
    for (const saved of calls) {
        const call = copyCall(saved);
        core.calls.set(call.id, call);
        for (const id of call.linkedIds)
            core.callOfLinked.set(id, call.id);
    }
    for (const [id, members] of data.bridges)
        core.bridges.set(id, new Set(members));
    for (const id of data.ended)
        core.ended.set(id, true);
}
export function copyCall(call) {
    return {
        ...call,
        linkedIds: call.linkedIds.slice(),
        legs: call.legs.slice(),
        attempts: call.attempts.map((attempt) => ({ ...attempt })),
        transfers: call.transfers.map((transfer) => ({ ...transfer })),
        announced: call.announced.slice(),
        causes: { ...call.causes },
        recordings: asRecordings(call.recordings ?? call.recordingFile, call.lastEventMs),
    };
}
export function toRow(item, fields) {
    const row = new Array(fields.length);
    for (let i = 0; i < fields.length; i += 1)
        row[i] = item[fields[i]];
    return row;
}
/** Rebuilds an object from a row; the row's values are trusted as much as version 1's objects were (own snapshots). */
export function fromRow(row, fields) {
    const item = {};
    for (let i = 0; i < fields.length; i += 1)
        item[fields[i]] = row[i] ?? null;
    return item;
}
