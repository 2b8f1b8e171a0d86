/**
 * What the signed-webhook receiver got, compared with the calls the schedule sent (the truth: the same frames through
 * an in-process tracker, nothing cut). Per expected call, from the deliveries the receiver applied (a redelivery of an
 * id it has seen is answered from its memory and applied no second time):
 * - lost: no `call.finished`, or a stage missing (a recording, the call-back task of a missed inbound call);
 * - duplicated: a stage applied under more than one delivery id (two `call.registered`, two `call.finished`, ...);
 * - wrong outcome: `disposition`, the operator (who answered, the last one after a transfer; who placed an outbound
 *   call) or the talk time (more than 1 s off) differ from the truth.
 * A call the daemon flags `endedUnobserved` (its end happened while no instance read AMI) is counted as unobserved and
 * not held to the truth (its outcome is the last state seen); one flagged `answerUnobserved` is held to its outcome,
 * not to its talk time (the answer time is a bound). A call that began while no instance read AMI (`begunUnseen`,
 * picked up by a resync) is not held to its recordings: a recording that started then was announced to nobody, and
 * CoreShowChannels does not list it; those are counted in `recordingsUnseen`. A call that changed hands (a transfer,
 * or its target answering) while no instance read AMI (`handoverUnseen`) is not held to its operator: what the daemon
 * saw last is the operator before the handover; those are counted in `handoversUnseen`.
 */
import type { CallSnapshot } from '../../src/calls/call.js';
import { recordingsOf } from '../../src/calls/recording-files.js';
import { currentAgent, isMissedInbound } from '../../src/sync/responsible-policy.js';
import type { ChaosSchedule } from './chaos-schedule.js';

export interface ReceivedDelivery {
  readonly type: string;
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The receiver had applied this id before. */
  readonly duplicate: boolean;
}

export interface WebhookTally {
  readonly sent: number;
  readonly expected: number;
  /** Registered once and finished once, every stage once. */
  readonly delivered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly wrongOutcome: number;
  /** Ended while no instance read AMI (flagged by the daemon): not held to the truth. */
  readonly unobserved: number;
  /** Calls registered that are no call of the schedule. */
  readonly extra: number;
  /** Deliveries of an id the receiver had already applied (at-least-once retries, deduplicated by the id). */
  readonly redelivered: number;
  /** Calls begun unseen whose recording never reached the CRM (see above). */
  readonly recordingsUnseen: number;
  /** Calls whose operator changed while no instance read AMI, finished with the operator seen last. */
  readonly handoversUnseen: number;
  readonly lostIds: readonly string[];
  /** Why each lost call is lost: `<call id> <stage>`. */
  readonly missing: readonly string[];
  readonly duplicatedIds: readonly string[];
  /** `<call id> <what>: <got> != <truth>`. */
  readonly wrong: readonly string[];
}

type Stages = Map<string, Set<string>>;

const STAGES = ['call.registered', 'call.finished', 'call.recording', 'task.create'] as const;

/** Delivery ids applied per stage type, for each call id. */
function stagesByCall(deliveries: readonly ReceivedDelivery[]): Map<string, Stages> {
  const out = new Map<string, Stages>();
  for (const d of deliveries) {
    const callId = typeof d.data['callId'] === 'string' ? d.data['callId'] : null;
    if (d.duplicate || callId === null || !(STAGES as readonly string[]).includes(d.type)) continue;
    const stages = out.get(callId) ?? new Map<string, Set<string>>();
    const ids = stages.get(d.type) ?? new Set<string>();
    ids.add(d.id);
    stages.set(d.type, ids);
    out.set(callId, stages);
  }
  return out;
}

/** The operator the CRM must show: who placed an outbound call; who has the caller of an answered inbound one. */
function expectedOperator(call: CallSnapshot): string | null {
  if (call.direction === 'outbound') return call.callerExtension;
  return call.answeredAtMs === null ? null : currentAgent(call);
}

/** What of the finish differs from the truth. */
function outcomeProblems(call: CallSnapshot, finished: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (finished['disposition'] !== call.disposition) problems.push(`disposition: ${String(finished['disposition'])} != ${String(call.disposition)}`);
  const operator = expectedOperator(call);
  if (operator !== null && finished['extension'] !== operator) problems.push(`operator: ${String(finished['extension'])} != ${operator}`);
  const talk = Number(finished['talkDurationSec']);
  const truth = call.talkDurationSec ?? 0;
  if (finished['answerUnobserved'] !== true && !(Math.abs(talk - truth) <= 1)) problems.push(`talk: ${talk} s != ${truth} s`);
  return problems;
}

/** Stages a call must have beyond register and finish: one per recording, the call-back task of a missed inbound call. */
function missingStages(call: CallSnapshot, stages: Stages): string[] {
  const recordings = stages.get('call.recording')?.size ?? 0;
  const expected = recordingsOf(call).length;
  const out = recordings < expected ? [`recordings ${recordings}/${expected}`] : [];
  if (isMissedInbound(call) && (stages.get('task.create')?.size ?? 0) === 0) out.push('call-back task');
  return out;
}

function isDuplicated(call: CallSnapshot, stages: Stages): boolean {
  const count = (type: string) => stages.get(type)?.size ?? 0;
  return count('call.registered') > 1 || count('call.finished') > 1 || count('task.create') > 1 || count('call.recording') > recordingsOf(call).length;
}

export function countWebhookDeliveries(
  schedule: ChaosSchedule, deliveries: readonly ReceivedDelivery[], begunUnseen: ReadonlySet<string> = new Set(),
  handoverUnseen: ReadonlySet<string> = new Set(),
): WebhookTally {
  const byCall = stagesByCall(deliveries);
  const finishedOf = new Map<string, Readonly<Record<string, unknown>>>();
  for (const d of deliveries) {
    const callId = d.data['callId'];
    if (d.type === 'call.finished' && !d.duplicate && typeof callId === 'string' && !finishedOf.has(callId)) finishedOf.set(callId, d.data);
  }
  const lostIds: string[] = [];
  const missing: string[] = [];
  const duplicatedIds: string[] = [];
  const wrong: string[] = [];
  let delivered = 0;
  let unobserved = 0;
  let recordingsUnseen = 0;
  let handoversUnseen = 0;
  for (const [id, call] of schedule.expected) {
    const stages = byCall.get(id) ?? new Map<string, Set<string>>();
    const finished = finishedOf.get(id);
    const unseenEnd = finished?.['endedUnobserved'] === true;
    if (unseenEnd) unobserved += 1;
    const dup = isDuplicated(call, stages);
    if (dup) duplicatedIds.push(id);
    // a call whose end or answer was unseen may lack what happened then (a recording, the task of a guessed miss)
    let gaps = finished === undefined ? ['call.finished'] : unseenEnd || finished['answerUnobserved'] === true ? [] : missingStages(call, stages);
    if (begunUnseen.has(id) && gaps.some((g) => g.startsWith('recordings'))) {
      recordingsUnseen += 1;
      gaps = gaps.filter((g) => !g.startsWith('recordings'));
    }
    if (gaps.length > 0) { lostIds.push(id); missing.push(...gaps.map((g) => `${id} ${g}`)); } else if (!dup) delivered += 1;
    if (finished === undefined || unseenEnd) continue;
    const problems = outcomeProblems(call, finished);
    const seenOperator = handoverUnseen.has(id) ? problems.filter((p) => !p.startsWith('operator:')) : problems;
    if (seenOperator.length < problems.length) handoversUnseen += 1;
    for (const p of seenOperator) wrong.push(`${id} ${p}`);
  }
  const extra = [...byCall.keys()].filter((id) => !schedule.expected.has(id) && byCall.get(id)?.has('call.registered')).length;
  return {
    sent: schedule.callsSent, expected: schedule.expected.size, delivered, lost: lostIds.length, duplicated: duplicatedIds.length,
    wrongOutcome: new Set(wrong.map((w) => w.split(' ')[0])).size, unobserved, extra,
    redelivered: deliveries.filter((d) => d.duplicate).length, recordingsUnseen, handoversUnseen, lostIds, missing, duplicatedIds, wrong,
  };
}

/** Replay positions [from, to) of one PBX during which no daemon read it. */
export type DarkWindows = ReadonlyArray<readonly [number, number]>;

const inDark = (dark: DarkWindows, frame: number) => dark.some(([a, b]) => frame >= a && frame < b);

/** Never registered, and its last frame fell where no daemon read the PBX: nothing could have seen it (`invisible`). */
export function neverRegistered(schedule: ChaosSchedule, dark: DarkWindows, deliveries: readonly ReceivedDelivery[], id: string): boolean {
  const w = schedule.windows.get(id);
  const registered = deliveries.some((d) => d.type === 'call.registered' && d.data['callId'] === id);
  return w !== undefined && !registered && inDark(dark, w.lastFrame);
}

/** Calls that changed hands (a transfer, its target answering) where no daemon read the PBX. */
export function handoverUnseen(schedule: ChaosSchedule, dark: DarkWindows): Set<string> {
  return new Set([...schedule.windows].filter(([, w]) => w.handoverFrames.some((f) => inDark(dark, f))).map(([id]) => id));
}

/** Calls whose first frame fell where no daemon read the PBX: a resync picked them up. */
export function begunUnseen(schedule: ChaosSchedule, dark: DarkWindows): Set<string> {
  return new Set([...schedule.windows].filter(([, w]) => inDark(dark, w.firstFrame)).map(([id]) => id));
}
