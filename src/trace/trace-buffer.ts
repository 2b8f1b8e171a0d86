import type { ChainableCommander } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import type { TraceList } from './call-trace-store.js';

/** Where drained entries go: CallTraceStore.append. */
export interface TraceSink {
  append(tx: ChainableCommander, callId: string, list: TraceList, entries: ReadonlyArray<string | Buffer>): void;
}

/** Chatter that would crowd the events that made the call out of its bounded list. */
const SKIPPED_EVENTS: ReadonlySet<string> = new Set(['Newexten', 'RTCPSent', 'RTCPReceived', 'VarSet']);
/** Entries held at most while Redis is slow or away; beyond, new ones are dropped (the calls still work). */
const PENDING_MAX = 50_000;
/** Held entries past which a state write for some calls also takes other calls' entries. */
const DRAIN_ALL_AT = 10_000;
/** Other calls' entries one state write takes at most (≈ 1.5 MB); the periodic save writes in slices, each takes some. */
const DRAIN_SLICE = 2_000;

/** Each entry is its JSON in a Buffer: held outside the JS heap, so holding them costs the young-generation GC nothing. */
interface CallLists { readonly ami: Buffer[]; readonly log: Buffer[] }

/** Whether an AMI event goes into traces: chatter does not (VarSet only when it set a channel variable the tracker reads). */
export function isTraced(ev: AmiEvent): boolean {
  return !SKIPPED_EVENTS.has(ev.name) || (ev.name === 'VarSet' && hasKey(ev.vars));
}

function hasKey(record: Readonly<Record<string, string>>): boolean {
  for (const _key in record) return true;
  return false;
}

/**
 * The fields of an event as JSON, without `privilege`. AMI sends Privilege right after Event, so the fields' JSON
 * starts `{"event":…,"privilege":…,`: that piece is cut out of the one JSON.stringify; any other layout is copied first.
 */
function fieldsJson(fields: Readonly<Record<string, string>>): string {
  const json = JSON.stringify(fields);
  const privilege = fields['privilege'];
  if (privilege === undefined) return json;
  const event = fields['event'];
  const head = event === undefined ? '{' : `{"event":${JSON.stringify(event)},`;
  const cut = `${head}"privilege":${JSON.stringify(privilege)}`;
  if (json.startsWith(cut)) {
    const rest = json.slice(cut.length);
    return rest === '}' ? (event === undefined ? '{}' : `${head.slice(0, -1)}}`) : `${head}${rest.slice(1)}`;
  }
  const { privilege: _privilege, ...others } = fields;
  return JSON.stringify(others);
}

/**
 * The hot-path half of the per-call trace: AMI events and the tracker's call events, held per call id in memory as
 * their JSON text (in Buffers, off the JS heap) and written by CrashSafeWriter inside its state writes (no extra round trip). A state write that
 * saves some calls (their call events are about to be queued) takes those calls' entries, so a call's trace is in Redis
 * up to each stage as its job is; the others wait for the periodic save (every second, in slices) or until DRAIN_ALL_AT
 * are held, so each list gets one append per batch instead of one per event. Bounded.
 */
export class TraceBuffer {
  private pending = new Map<string, CallLists>();
  private count = 0;
  dropped = 0;

  /** Whether AMI events go into traces (CALL_TRACE_AMI); call events, decisions and CRM requests always do. */
  readonly recordsAmi: boolean;

  constructor(private readonly sink: TraceSink, options: { readonly amiEvents?: boolean } = {}) {
    this.recordsAmi = options.amiEvents ?? true;
  }

  get hasPending(): boolean {
    return this.count > 0;
  }

  /** An AMI event of a tracked call (chatter is skipped, see isTraced). */
  amiEvent(callId: string | null, ev: AmiEvent): void {
    if (callId === null || !this.recordsAmi || !isTraced(ev)) return;
    if (this.count >= PENDING_MAX) { this.dropped += 1; return; }
    this.listsOf(callId).ami.push(Buffer.from(`{"kind":"ami","atMs":${JSON.stringify(ev.timeMs)},"event":${JSON.stringify(ev.name)},"fields":${fieldsJson(ev.fields)}}`));
    this.count += 1;
  }

  /** A call event the tracker emitted: what it decided (stage, who answered, disposition, why it ended). */
  callEvent(ev: CallEvent): void {
    const c = ev.call;
    this.add(c.id, 'log', {
      kind: 'tracker', atMs: ev.atMs, stage: ev.stage, seq: ev.seq, direction: c.direction,
      ...(ev.ringingTargets ? { ringingTargets: ev.ringingTargets } : {}),
      ...(ev.stage === 'ended' ? { disposition: c.disposition, answeredBy: c.answeredBy, endReason: ev.endReason ?? 'hangup' } : {}),
      ...(ev.stage === 'answered' ? { answeredBy: c.answeredBy } : {}),
      ...(ev.mergedInto ? { mergedInto: ev.mergedInto } : {}),
    });
    if (ev.mergedInto) this.add(ev.mergedInto, 'log', { kind: 'merged-from', atMs: ev.atMs, callId: c.id });
  }

  private add(callId: string, list: TraceList, entry: Record<string, unknown>): void {
    if (this.count >= PENDING_MAX) { this.dropped += 1; return; }
    this.listsOf(callId)[list].push(Buffer.from(JSON.stringify(entry)));
    this.count += 1;
  }

  private listsOf(callId: string): CallLists {
    let lists = this.pending.get(callId);
    if (!lists) { lists = { ami: [], log: [] }; this.pending.set(callId, lists); }
    return lists;
  }

  /**
   * Queues held entries on `tx` and forgets them (a failed write loses them: a trace is best effort): those of `calls`
   * when given; then, when no calls are given or DRAIN_ALL_AT or more are held, other calls' (oldest first) up to
   * DRAIN_SLICE entries, so one state write never carries a burst that would hold up the jobs sent after it.
   */
  drainInto(tx: ChainableCommander, calls?: Iterable<string>): void {
    if (this.count === 0) return;
    if (calls !== undefined) for (const callId of calls) this.take(tx, callId);
    if (calls !== undefined && this.count < DRAIN_ALL_AT) return;
    let taken = 0;
    for (const callId of this.pending.keys()) {
      if (taken >= DRAIN_SLICE) break;
      taken += this.take(tx, callId);
    }
  }

  /** Queues one call's held entries; how many. */
  private take(tx: ChainableCommander, callId: string): number {
    const lists = this.pending.get(callId);
    if (!lists) return 0;
    this.write(tx, callId, lists);
    this.pending.delete(callId);
    const n = lists.ami.length + lists.log.length;
    this.count -= n;
    return n;
  }

  private write(tx: ChainableCommander, callId: string, lists: CallLists): void {
    this.sink.append(tx, callId, 'ami', lists.ami);
    this.sink.append(tx, callId, 'log', lists.log);
  }
}
