import type { RingOutcome, Transfer } from './call.js';
import { mergeRecordings, type RecordingState } from './recording-files.js';

/** A ring attempt while the call is live (mutable twin of RingAttempt). */
export interface AttemptState {
  target: string;
  startedAtMs: number;
  endedAtMs: number | null;
  outcome: RingOutcome;
  /** The target is an outside number (outbound leg), not an extension. */
  external: boolean;
  /** The leg whose DialEnd/Hangup decides the outcome (inner legs reaching the same target only follow it). */
  ownerUid: string;
  /** Outcome taken from an outer Dial through a Local hop; the owner's own DialEnd ANSWER may still override it. */
  inferred: boolean;
}

/** Everything the tracker keeps about one call (a merged group of Linkedids). Mutable, internal to the tracker. */
export interface CallState {
  id: string;
  /** Creation order: the lower one survives a merge (oldest id stays the call id). */
  order: number;
  linkedIds: string[];
  legs: string[];
  liveLegs: number;
  startedAtMs: number;
  lastEventMs: number;
  firstLegUid: string;
  inbound: boolean;
  externalNumber: string | null;
  line: string | null;
  outbound: boolean;
  callerExtension: string | null;
  originate: boolean;
  attempts: AttemptState[];
  answeredBy: string | null;
  answeredAtMs: number | null;
  transfers: Transfer[];
  queue: string | null;
  hangupCause: number | null;
  /** Recordings in the order they started (one MixMonitor per answering leg: a transferred call has several). */
  recordings: RecordingState[];
  crmCallId: string | null;
  /** Next seq to emit; 0 means nothing emitted yet. */
  seq: number;
  /** Targets that already had a `ringing` event. */
  announced: string[];
  answerEmitted: boolean;
  /** The answer was found by a resync (it happened while no instance read AMI); null in states saved before it existed. */
  answerUnobserved: boolean | null;
  /** Originate: how the dial to the operator (the first phone rung) ended; explains an unanswered click-to-call. */
  operatorOutcome: RingOutcome | null;
  /** Hangup causes seen: of the first leg, of the answering leg, and the first other non-zero one (26 excluded). */
  causes: { first: number | null; answer: number | null; target: number | null; other: number | null };
}

export function createCallState(id: string, order: number, atMs: number, firstLegUid: string): CallState {
  return {
    id, order, linkedIds: [id], legs: [], liveLegs: 0, startedAtMs: atMs, lastEventMs: atMs, firstLegUid,
    inbound: false, externalNumber: null, line: null, outbound: false, callerExtension: null, originate: false,
    attempts: [], answeredBy: null, answeredAtMs: null, transfers: [], queue: null, hangupCause: null,
    recordings: [], crmCallId: null, seq: 0, announced: [], answerEmitted: false, answerUnobserved: false,
    operatorOutcome: null, causes: { first: null, answer: null, target: null, other: null },
  };
}

/** Folds `from` into `into` (the older call). Leg call ids and attempt indexes are fixed by the caller. */
export function absorbCall(into: CallState, from: CallState): number {
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
  if (from.answerUnobserved === true && into.answeredAtMs === from.answeredAtMs) into.answerUnobserved = true;
  return attemptOffset;
}
