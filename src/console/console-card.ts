import type { CallEvent, CallSnapshot, CallStage, Direction, Disposition, RingAttempt } from '../calls/call.js';
import { displayPhone } from './phone-display.js';

/**
 * What the console shows of a call, written to the card event stream for every call event: small, and enough for a
 * page to draw the card without asking again. The client's name and history are fetched once per card (caller details).
 */
export interface ConsoleCard {
  readonly callId: string;
  readonly seq: number;
  readonly stage: CallStage;
  readonly atMs: number;
  readonly direction: Direction;
  readonly externalNumber: string | null;
  /** The number as people write it (`+7 495 123-45-67`). */
  readonly number: string;
  /** The line / DID, written like a number when it is one. */
  readonly line: string | null;
  readonly queue: string | null;
  readonly callerExtension: string | null;
  readonly startedAtMs: number;
  /** Extensions ringing now (after the answer: only those rung since, by a transfer). */
  readonly ringing: readonly string[];
  /** Every target that rang so far, in order. */
  readonly rang: readonly string[];
  /** The first answerer (the journal's and the reports' figures keep it); who talks now is `talking`. */
  readonly answeredBy: string | null;
  readonly answeredAtMs: number | null;
  /** Who talks on the call now: the answerer, or after a transfer its target once it picked up. */
  readonly talking: readonly string[];
  /** Transfers so far: who handed the call to whom. */
  readonly transfers: ReadonlyArray<{ readonly from: string | null; readonly to: string }>;
  readonly disposition: Disposition | null;
  readonly endedAtMs: number | null;
  /** For an `ended` that merged the call into an older one. */
  readonly mergedInto: string | null;
}

export function toConsoleCard(ev: CallEvent): ConsoleCard {
  const c = ev.call;
  return {
    callId: c.id, seq: ev.seq, stage: ev.stage, atMs: ev.atMs, direction: c.direction, externalNumber: c.externalNumber,
    number: displayPhone(c.externalNumber ?? c.callerExtension),
    line: c.line === null ? null : displayPhone(c.line), queue: c.queue, callerExtension: c.callerExtension, startedAtMs: c.startedAtMs,
    // once answered, what still rings is a new ring (a transfer); the rest of a queue's ring is over even before its DialEnd
    ringing: [...new Set(c.rang.filter((r) => r.outcome === 'ringing' && (c.answeredAtMs === null || r.startedAtMs >= c.answeredAtMs)).map((r) => r.target))],
    rang: [...new Set(c.rang.map((r) => r.target))],
    answeredBy: c.answeredBy, answeredAtMs: c.answeredAtMs, talking: talkingNow(c),
    transfers: c.transfers.map((t) => ({ from: t.fromExtension, to: t.toTarget })),
    disposition: c.disposition, endedAtMs: c.endedAtMs, mergedInto: ev.mergedInto ?? null,
  };
}

/**
 * The targets whose latest ring attempt was answered and who did not transfer the call away after that answer (a
 * blind or blonde transfer's target answers after the transferer handed it on; an attended one's answered the consult
 * call). The first answerer counts when no attempt of theirs was seen (an answer found by a resync).
 */
function talkingNow(c: CallSnapshot): string[] {
  const latest = new Map<string, RingAttempt>();
  for (const r of c.rang) {
    const seen = latest.get(r.target);
    if (!seen || r.startedAtMs >= seen.startedAtMs) latest.set(r.target, r);
  }
  const handedOnSince = (ext: string, sinceMs: number): boolean => c.transfers.some((t) => t.fromExtension === ext && t.atMs >= sinceMs);
  const talking: string[] = [];
  for (const [target, r] of latest) {
    if (r.outcome === 'answered' && !handedOnSince(target, r.endedAtMs ?? r.startedAtMs)) talking.push(target);
  }
  const first = c.answeredBy;
  if (first !== null && !latest.has(first) && c.answeredAtMs !== null && !handedOnSince(first, c.answeredAtMs)) talking.unshift(first);
  return talking;
}

/** The stream entry of a call event: the card, and whether the call is still current (the live hash keeps it) or gone. */
export function consoleEntry(ev: CallEvent): { readonly callId: string; readonly json: string; readonly current: boolean } {
  const card = toConsoleCard(ev);
  return { callId: card.callId, json: JSON.stringify(card), current: ev.stage !== 'ended' };
}
