import type { ChainableCommander } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import type { TraceList } from './call-trace-store.js';

/** Where drained entries go: CallTraceStore.append. */
export interface TraceSink {
  append(tx: ChainableCommander, callId: string, list: TraceList, entries: readonly string[]): void;
}

/** Chatter that would crowd the events that made the call out of its bounded list. */
const SKIPPED_EVENTS: ReadonlySet<string> = new Set(['Newexten', 'RTCPSent', 'RTCPReceived', 'VarSet']);
/** Entries held at most while Redis is slow or away; beyond, new ones are dropped (the calls still work). */
const PENDING_MAX = 50_000;

/**
 * The hot-path half of the per-call trace: AMI events and the tracker's call events, held per call id in memory and
 * written by CrashSafeWriter inside its next state write (no extra round trip). Bounded.
 */
export class TraceBuffer {
  private pending = new Map<string, Record<TraceList, string[]>>();
  private count = 0;
  dropped = 0;

  constructor(private readonly sink: TraceSink) {}

  get hasPending(): boolean {
    return this.count > 0;
  }

  /** An AMI event of a tracked call (VarSet only when it set a channel variable the tracker reads). */
  amiEvent(callId: string | null, ev: AmiEvent): void {
    if (callId === null) return;
    if (SKIPPED_EVENTS.has(ev.name) && !(ev.name === 'VarSet' && Object.keys(ev.vars).length > 0)) return;
    const { privilege: _privilege, ...fields } = ev.fields;
    this.add(callId, 'ami', { kind: 'ami', atMs: ev.timeMs, event: ev.name, fields });
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
    let lists = this.pending.get(callId);
    if (!lists) { lists = { ami: [], log: [] }; this.pending.set(callId, lists); }
    lists[list].push(JSON.stringify(entry));
    this.count += 1;
  }

  /** Queues every held entry on `tx` and forgets them (a failed write loses them: a trace is best effort). */
  drainInto(tx: ChainableCommander): void {
    if (this.count === 0) return;
    for (const [callId, lists] of this.pending) {
      this.sink.append(tx, callId, 'ami', lists.ami);
      this.sink.append(tx, callId, 'log', lists.log);
    }
    this.pending = new Map();
    this.count = 0;
  }
}
