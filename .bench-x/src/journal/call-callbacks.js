import { isMissedRecord } from './call-figures.js';
/**
 * Call-back detection: a missed inbound call is called back by a later answered call with the same number, inbound
 * from it or outbound to it, that started within `windowMs` (CALLBACK_WINDOW_HOURS) of the missed call's start.
 * Pure and idempotent: a call already marked keeps its mark, so journaling a call again changes nothing.
 */
export function callsBack(answered, missed, windowMs) {
    if (answered.direction === 'internal' || answered.disposition !== 'answered')
        return false;
    if (!isMissedRecord(missed) || missed.externalNumber === null || answered.externalNumber !== missed.externalNumber)
        return false;
    const after = answered.startedAtMs - missed.startedAtMs;
    return after > 0 && after <= windowMs;
}
export function calledBackBy(answered) {
    return { atMs: answered.answeredAtMs ?? answered.startedAtMs, by: answered.agent, callId: answered.id };
}
/**
 * Settles call-backs for `record` against the calls of its number journaled around it (`nearby`, any order, may
 * include a stored copy of `record`). A missed call takes the mark it had, else the earliest later answered call;
 * an answered call marks every earlier missed call of the number not yet called back.
 */
export function settleCallbacks(record, nearby, windowMs) {
    const others = nearby.filter((r) => r.id !== record.id);
    if (isMissedRecord(record)) {
        const stored = nearby.find((r) => r.id === record.id)?.calledBack ?? null;
        const by = [...others].sort((a, b) => a.startedAtMs - b.startedAtMs).find((a) => callsBack(a, record, windowMs));
        const settled = { ...record, calledBack: stored ?? (by ? calledBackBy(by) : null) };
        return { record: settled, marked: [], closed: settled.calledBack ? [settled] : [] };
    }
    const marked = others.filter((m) => !m.calledBack && callsBack(record, m, windowMs))
        .map((m) => ({ ...m, calledBack: calledBackBy(record) }));
    const before = others.filter((m) => m.calledBack?.callId === record.id && isMissedRecord(m));
    return { record, marked, closed: [...before, ...marked] };
}
