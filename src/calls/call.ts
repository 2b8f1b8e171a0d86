/** The call model: what the tracker knows about one call, as a plain JSON-serialisable snapshot. */

export type Direction = 'inbound' | 'outbound' | 'internal';

/** answered: somebody talked; missed: nobody answered (caller gave up or every attempt ended unanswered);
 *  busy: the only attempts ended BUSY; noanswer: the ring timeout ran out; failed: congestion/unavailable/no route;
 *  cancelled: an outbound/internal call the caller abandoned before the far end answered. */
export type Disposition = 'answered' | 'missed' | 'busy' | 'noanswer' | 'failed' | 'cancelled';

export type RingOutcome = 'answered' | 'cancelled' | 'noanswer' | 'busy' | 'failed' | 'ringing';

/** One extension (or external number, for outbound) that was rung. */
export interface RingAttempt {
  readonly target: string;          // extension (e.g. '201') or external number for an outbound leg
  readonly startedAtMs: number;
  readonly endedAtMs: number | null;
  readonly outcome: RingOutcome;
}

export interface Transfer {
  readonly kind: 'blind' | 'attended';
  readonly fromExtension: string | null;
  readonly toTarget: string;        // extension or number the call was transferred to
  readonly atMs: number;
}

export interface CallSnapshot {
  /** Stable call id: the oldest Linkedid of the merged group. Safe for Redis keys and job ids. */
  readonly id: string;
  readonly linkedIds: readonly string[];
  readonly direction: Direction;
  /** The outside party in E.164 (`+74951234567`), or null for internal calls. */
  readonly externalNumber: string | null;
  /** Line / DID the call came in on (inbound), or the trunk/line used (outbound) when known. */
  readonly line: string | null;
  /** The extension that placed the call (outbound, internal, click-to-call operator). */
  readonly callerExtension: string | null;
  readonly startedAtMs: number;
  readonly rang: readonly RingAttempt[];
  readonly answeredBy: string | null;
  readonly answeredAtMs: number | null;
  readonly transfers: readonly Transfer[];
  readonly queue: string | null;
  readonly endedAtMs: number | null;
  readonly ringDurationSec: number | null;
  readonly talkDurationSec: number | null;
  readonly disposition: Disposition | null;
  readonly hangupCause: number | null;
  /** The first recording (the start of the conversation), or null: the same as `recordingFiles[0]`. */
  readonly recordingFile: string | null;
  /** Every recording of the call in the order they started, each once (a transferred call has one per answering leg). */
  readonly recordingFiles: readonly string[];
  /** Id the CRM gave this call before it started (click-to-call `__CRM_CALL_ID`), if any. */
  readonly crmCallId: string | null;
  /**
   * Set (true) when the end was not seen but inferred while no instance read AMI: the channels vanished between two
   * looks at the PBX (`vanished`), the PBX restarted (`pbx-restart`, ended at the last moment it was known alive) or the
   * call went silent (`stale`). Its disposition is what was known before the gap, not a seen outcome.
   */
  readonly endedUnobserved?: true;
  readonly endReason?: UnobservedEndReason;
  /** Set (true) when the answer happened while no instance read AMI: the resync found the call bridged; answeredAtMs is a bound. */
  readonly answerUnobserved?: true;
}

export type UnobservedEndReason = 'vanished' | 'pbx-restart' | 'stale';

export type CallStage = 'ringing' | 'answered' | 'transferred' | 'ended';

/**
 * What the tracker emits. `seq` counts from 0 per call; the queue keys jobs by `${call.id}-${seq}` and applies
 * them in seq order. `ringing` repeats when new targets start ringing (queue ring-all, transfer), `answered` when a
 * transfer target (or a second called party) picks up (answeredBy stays the first); `ringingTargets`
 * lists the targets that started ringing with this event.
 */
export interface CallEvent {
  readonly stage: CallStage;
  readonly seq: number;
  readonly atMs: number;
  readonly call: CallSnapshot;
  readonly ringingTargets?: readonly string[];
  /** For `ended` produced by resync (channels vanished while AMI was away): the end is approximate. */
  readonly endReason?: 'hangup' | 'vanished' | 'pbx-restart' | 'stale' | 'merged';
  /** For `ended` with endReason 'merged': the id of the older call this one became part of (transfer, pickup). */
  readonly mergedInto?: string;
}
