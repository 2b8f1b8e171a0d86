import { mergeRecordings } from './recording-files.js';
export function createCallState(id, order, atMs, firstLegUid) {
    return {
        id, order, linkedIds: [id], legs: [], liveLegs: 0, startedAtMs: atMs, lastEventMs: atMs, firstLegUid,
        inbound: false, externalNumber: null, line: null, outbound: false, callerExtension: null, originate: false,
        attempts: [], answeredBy: null, answeredAtMs: null, transfers: [], queue: null, hangupCause: null,
        recordings: [], crmCallId: null, seq: 0, announced: [], answerEmitted: false, answerUnobserved: false,
        operatorOutcome: null, causes: { first: null, answer: null, target: null, other: null },
    };
}
/** Folds `from` into `into` (the older call). Leg call ids and attempt indexes are fixed by the caller. */
export function absorbCall(into, from) {
    const attemptOffset = into.attempts.length;
    into.linkedIds.push(...from.linkedIds);
    into.legs.push(...from.legs);
    into.liveLegs += from.liveLegs;
    into.startedAtMs = Math.min(into.startedAtMs, from.startedAtMs);
    into.lastEventMs = Math.max(into.lastEventMs, from.lastEventMs);
    into.externalNumber ??= from.externalNumber;
    into.outbound ||= from.outbound;
    into.attempts.push(...from.attempts);
    if (from.answeredAtMs !== null && (into.answeredAtMs === null || from.answeredAtMs < into.answeredAtMs)) {
        into.answeredAtMs = from.answeredAtMs;
        into.answeredBy = from.answeredBy;
    }
    into.transfers.push(...from.transfers);
    into.transfers.sort((a, b) => a.atMs - b.atMs);
    into.queue ??= from.queue;
    into.operatorOutcome ??= from.operatorOutcome;
    into.causes.answer ??= from.causes.answer;
    into.causes.target ??= from.causes.target;
    into.causes.other ??= from.causes.other;
    into.recordings = mergeRecordings(into.recordings, from.recordings);
    into.crmCallId ??= from.crmCallId;
    if (from.answerUnobserved === true && into.answeredAtMs === from.answeredAtMs)
        into.answerUnobserved = true;
    return attemptOffset;
}
