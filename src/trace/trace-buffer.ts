import type { ChainableCommander } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import { DEFAULT_TRACE_LIMITS, type TraceList } from './call-trace-store.js';
import { BlockQuota, EntryChain, TRACE_BLOCKS, type BlockPool } from './trace-blocks.js';
import { RAW_ENTRY } from './trace-entries.js';

/** Where drained entries go: CallTraceStore.append. */
export interface TraceSink {
  /**
   * `chunks`: one or more entries each, each its JSON and a newline; the list's TTL is renewed with every append.
   * `trim`: also bound the list (its first append from this buffer, the one after the call's end, the first after a
   * failed write).
   */
  append(tx: ChainableCommander, callId: string, list: TraceList, chunks: readonly string[], trim: boolean): void;
}

/** Chatter that would crowd the events that made the call out of its bounded list. */
const SKIPPED_EVENTS: ReadonlySet<string> = new Set(['Newexten', 'RTCPSent', 'RTCPReceived', 'VarSet']);
/** Entries held at most while Redis is slow or away; beyond, new ones are dropped (the calls still work). */
const PENDING_MAX = 50_000;
/** Held entries past which a state write for some calls also takes other calls' entries. */
const DRAIN_ALL_AT = 10_000;
/** Other calls' entries one state write takes at most (≈ 1.5 MB); the periodic save writes in slices, each takes some. */
const DRAIN_SLICE = 2_000;
/** Calls remembered at most (each is forgotten once its end is written; past the bound, all are). */
const COUNTED_CALLS_MAX = 100_000;

interface CallLists { readonly ami: EntryChain; readonly log: EntryChain; ended: boolean }

/** What the buffer remembers of a call between its writes. */
interface CallMark {
  /** AMI entries taken so far (the list keeps the first maxEntries). */
  ami: number;
  /** Each list was trimmed by an append since the last failed write. */
  amiTrimmed: boolean;
  logTrimmed: boolean;
}

/** Blocks one buffer holds at most (16 MiB, ≈ 30,000 AMI entries): one PBX whose writes stall leaves the others theirs. */
const BLOCKS_PER_BUFFER = 4096;

/** Whether an AMI event goes into traces: chatter does not (VarSet only when it set a channel variable the tracker reads). */
export function isTraced(ev: AmiEvent): boolean {
  return !SKIPPED_EVENTS.has(ev.name) || (ev.name === 'VarSet' && hasKey(ev.vars));
}

/** A frame's text as the reader gives it ends with its last line's LF; anything else is stored as JSON. */
function endsWithLineEnd(text: string): boolean {
  return text.length > 0 && text.charCodeAt(text.length - 1) === 10;
}

function hasKey(record: Readonly<Record<string, string>>): boolean {
  for (const _key in record) return true;
  return false;
}

/**
 * The hot-path half of the per-call trace: AMI events and the tracker's call events, held per call id (a JSON line
 * each, or an AMI event's frame text, see amiEvent) in recycled blocks (trace-blocks.ts: no allocation per entry that
 * V8 counts), and written by
 * CrashSafeWriter inside its state writes (no extra round trip), as a few strings of whole entries per list (each one
 * element of the list in Redis, see CallTraceStore). A state write that saves some calls (their call events are about
 * to be queued) takes those calls' entries, so a call's trace is in Redis up to each stage as its job is; the others
 * wait for the periodic save (every second, in slices) or until DRAIN_ALL_AT are held, so each list gets one append per
 * batch instead of one per event. Bounded: the first `maxEntries` AMI events of a call are kept (the later ones are
 * not even serialised), and at most PENDING_MAX entries are held.
 */
export class TraceBuffer {
  private pending = new Map<string, CallLists>();
  private marks = new Map<string, CallMark>();
  private count = 0;
  private readonly maxEntries: number;
  private readonly pool: BlockQuota;
  dropped = 0;

  /** Whether AMI events go into traces (CALL_TRACE_AMI); call events, decisions and CRM requests always do. */
  readonly recordsAmi: boolean;

  constructor(private readonly sink: TraceSink, options: { readonly amiEvents?: boolean; readonly maxEntries?: number; readonly pool?: BlockPool } = {}) {
    this.recordsAmi = options.amiEvents ?? true;
    this.maxEntries = options.maxEntries ?? DEFAULT_TRACE_LIMITS.maxEntries;
    this.pool = new BlockQuota(options.pool ?? TRACE_BLOCKS, BLOCKS_PER_BUFFER);
  }

  get hasPending(): boolean {
    return this.count > 0;
  }

  /**
   * An AMI event of a tracked call (chatter is skipped, see isTraced). With `frameText` (the frame as received, while
   * it is being delivered) the entry is that text after a line `R<atMs>`, ended by an empty line: one copy of bytes
   * already decoded, no serialising (trace-entries.ts reads it back through the same frame reader). Without it (an
   * event held during a resync) it is `{"kind":"ami","atMs":…,"event":…,"fields":…}`, the fields as one
   * JSON.stringify of the event's field map. Either way `privilege` is stored and left out when read.
   */
  amiEvent(callId: string | null, ev: AmiEvent, frameText?: string): void {
    if (callId === null || !this.recordsAmi || !isTraced(ev)) return;
    const mark = this.markOf(callId);
    if (mark.ami >= this.maxEntries) return; // the list keeps the first ones: the rest would be trimmed anyway
    if (this.count >= PENDING_MAX) { this.dropped += 1; return; }
    const atMs = Number.isFinite(ev.timeMs) ? String(ev.timeMs) : 'null';
    const parts = frameText !== undefined && endsWithLineEnd(frameText)
      ? [`${RAW_ENTRY}${atMs}\n`, frameText]
      : [`{"kind":"ami","atMs":${atMs},"event":${JSON.stringify(ev.name)},"fields":`, JSON.stringify(ev.fields), '}'];
    if (!this.listsOf(callId).ami.append(parts)) { this.dropped += 1; return; }
    mark.ami += 1;
    this.count += 1;
  }

  private markOf(callId: string): CallMark {
    let mark = this.marks.get(callId);
    if (mark === undefined) {
      if (this.marks.size >= COUNTED_CALLS_MAX) this.marks.clear();
      mark = { ami: 0, amiTrimmed: false, logTrimmed: false };
      this.marks.set(callId, mark);
    }
    return mark;
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
    if (ev.stage === 'ended') this.listsOf(c.id).ended = true;
  }

  private add(callId: string, list: TraceList, entry: Record<string, unknown>): void {
    if (this.count >= PENDING_MAX || !this.listsOf(callId)[list].append([JSON.stringify(entry)])) { this.dropped += 1; return; }
    this.count += 1;
  }

  private listsOf(callId: string): CallLists {
    let lists = this.pending.get(callId);
    if (!lists) { lists = { ami: new EntryChain(this.pool), log: new EntryChain(this.pool), ended: false }; this.pending.set(callId, lists); }
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

  /** A state write failed: what it carried is lost. Each call's next append to each list trims it again. */
  writeFailed(): void {
    for (const mark of this.marks.values()) { mark.amiTrimmed = false; mark.logTrimmed = false; }
  }

  /** The buffer goes away (its PBX stops): held entries are dropped and their blocks go back to the pool. */
  close(): void {
    for (const lists of this.pending.values()) { lists.ami.discard(); lists.log.discard(); }
    this.pending.clear();
    this.marks.clear();
    this.count = 0;
  }

  /** Blocks this buffer holds now (of BLOCKS_PER_BUFFER). */
  get blocksHeld(): number {
    return this.pool.blocksHeld;
  }

  /**
   * Queues one call's held entries; how many. Every append renews its list's TTL (RPUSH + EXPIRE, one MULTI: no key
   * without one); only a list's first append, the one after the call's end and the first after a failure also trim:
   * the list cannot pass its bound meanwhile, since only the first maxEntries AMI events are taken.
   */
  private take(tx: ChainableCommander, callId: string): number {
    const lists = this.pending.get(callId);
    if (!lists) return 0;
    const n = lists.ami.count + lists.log.count;
    const mark = this.markOf(callId);
    if (lists.ami.count > 0) { this.sink.append(tx, callId, 'ami', lists.ami.chunks(), lists.ended || !mark.amiTrimmed); mark.amiTrimmed = true; }
    if (lists.log.count > 0) { this.sink.append(tx, callId, 'log', lists.log.chunks(), lists.ended || !mark.logTrimmed); mark.logTrimmed = true; }
    if (lists.ended) this.marks.delete(callId);
    this.pending.delete(callId);
    this.count -= n;
    return n;
  }
}
