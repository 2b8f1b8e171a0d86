import { recordingsOf } from '../calls/recording-files.js';
/** A missed inbound call whose start fell outside its line's hours (the calendar the dialplan route answers with). */
export function isMissedOutOfHours(call, hours) {
    if (!hours || call.direction !== 'inbound' || call.answeredAtMs !== null || call.endedAtMs === null)
        return false;
    return !hours.isOpenAt(call.line, call.startedAtMs);
}
/** A missed inbound call that rang less than `minRingSec` (0: never). */
export function isShortAbandon(call, minRingSec) {
    if (minRingSec <= 0 || call.direction !== 'inbound' || call.answeredAtMs !== null || call.endedAtMs === null)
        return false;
    const rangSec = call.ringDurationSec ?? (call.endedAtMs - call.startedAtMs) / 1000;
    return rangSec < minRingSec;
}
export function toCallRecord(call, responsible, crm, hours = null, minRingSec = 0) {
    return {
        id: call.id, direction: call.direction, externalNumber: call.externalNumber, line: call.line,
        callerExtension: call.callerExtension, agent: responsible ?? call.answeredBy, rang: call.rang,
        startedAtMs: call.startedAtMs, answeredAtMs: call.answeredAtMs, endedAtMs: call.endedAtMs,
        ringDurationSec: call.ringDurationSec, talkDurationSec: call.talkDurationSec, disposition: call.disposition,
        hangupCause: call.hangupCause, recordingFile: call.recordingFile, recordingFiles: recordingsOf(call), queue: call.queue, transfers: call.transfers, crm,
        ...(call.endedUnobserved === true && call.endReason !== undefined ? { endedUnobserved: true, endReason: call.endReason } : {}),
        ...(call.answerUnobserved === true ? { answerUnobserved: true } : {}),
        ...(isMissedOutOfHours(call, hours) ? { outOfHours: true } : {}),
        ...(isShortAbandon(call, minRingSec) ? { shortAbandon: true } : {}),
    };
}
/** Every extension involved in a call, for the per-extension index. */
export function extensionsOf(record) {
    const all = [record.callerExtension, record.agent, ...record.rang.map((r) => r.target), ...record.transfers.flatMap((t) => [t.fromExtension, t.toTarget])];
    return [...new Set(all.filter((x) => typeof x === 'string' && /^\d{1,9}$/.test(x)))];
}
