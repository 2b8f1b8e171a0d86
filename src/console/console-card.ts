import type { CallEvent, CallStage, Direction, Disposition } from '../calls/call.js';
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
  readonly answeredBy: string | null;
  readonly answeredAtMs: number | null;
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
    answeredBy: c.answeredBy, answeredAtMs: c.answeredAtMs,
    transfers: c.transfers.map((t) => ({ from: t.fromExtension, to: t.toTarget })),
    disposition: c.disposition, endedAtMs: c.endedAtMs, mergedInto: ev.mergedInto ?? null,
  };
}

/** The stream entry of a call event: the card, and whether the call is still current (the live hash keeps it) or gone. */
export function consoleEntry(ev: CallEvent): { readonly callId: string; readonly json: string; readonly current: boolean } {
  const card = toConsoleCard(ev);
  return { callId: card.callId, json: JSON.stringify(card), current: ev.stage !== 'ended' };
}
