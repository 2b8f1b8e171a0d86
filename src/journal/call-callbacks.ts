import type { CallRecord, CalledBack } from './call-record.js';
import { isMissedRecord } from './call-figures.js';

/**
 * Call-back detection: a missed inbound call is called back by a later answered call with the same number, inbound
 * from it or outbound to it, that started within `windowMs` (CALLBACK_WINDOW_HOURS) of the missed call's start.
 * Pure and idempotent: a call already marked keeps its mark, so journaling a call again changes nothing.
 */
export function callsBack(answered: CallRecord, missed: CallRecord, windowMs: number): boolean {
  if (answered.direction === 'internal' || answered.disposition !== 'answered') return false;
  if (!isMissedRecord(missed) || missed.externalNumber === null || answered.externalNumber !== missed.externalNumber) return false;
  const after = answered.startedAtMs - missed.startedAtMs;
  return after > 0 && after <= windowMs;
}

export function calledBackBy(answered: CallRecord): CalledBack {
  return { atMs: answered.answeredAtMs ?? answered.startedAtMs, by: answered.agent, callId: answered.id };
}

export interface CallbackSettlement {
  /** The call being journaled, with its own mark settled when it is a missed call. */
  readonly record: CallRecord;
  /** Missed calls of the same number this call now marks as called back (to be rewritten in the same write). */
  readonly marked: readonly CallRecord[];
}

/**
 * Settles call-backs for `record` against the calls of its number journaled around it (`nearby`, any order, may
 * include a stored copy of `record`). A missed call takes the mark it had, else the earliest later answered call;
 * an answered call marks every earlier missed call of the number not yet called back.
 */
export function settleCallbacks(record: CallRecord, nearby: readonly CallRecord[], windowMs: number): CallbackSettlement {
  const others = nearby.filter((r) => r.id !== record.id);
  if (isMissedRecord(record)) {
    const stored = nearby.find((r) => r.id === record.id)?.calledBack ?? null;
    const by = [...others].sort((a, b) => a.startedAtMs - b.startedAtMs).find((a) => callsBack(a, record, windowMs));
    return { record: { ...record, calledBack: stored ?? (by ? calledBackBy(by) : null) }, marked: [] };
  }
  const marked = others.filter((m) => !m.calledBack && callsBack(record, m, windowMs))
    .map((m) => ({ ...m, calledBack: calledBackBy(record) }));
  return { record, marked };
}
