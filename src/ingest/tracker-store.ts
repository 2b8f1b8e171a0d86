import type { Redis } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { CallPartJson, CallTracker, DeltaScope, TrackerMetaJson, TrackerPartsJson } from '../calls/call-tracker.js';
import type { OutboxView } from './outbox.js';

/**
 * The switch: save the tracker per call (only calls that changed, in a hash) instead of as one big value.
 * Loading reads both layouts whatever this says (upgrades, and a rollback finds a whole value it wrote itself).
 */
const INCREMENTAL_SNAPSHOTS = true;
/** Ended ids kept in Redis, as in a whole snapshot. */
const ENDED_KEPT = 2_000;

export interface StoredTracker {
  /** The instance that wrote it; a new lease holder loads another instance's state, and keeps its own in memory. */
  readonly holder: string;
  readonly savedAtMs: number;
  readonly state: unknown;
  /** Call events the state already contains that may not have reached the queue yet (see SnapshotFirstForwarder). */
  readonly outbox?: readonly CallEvent[];
}

export interface TrackerSnapshot { readonly state: unknown; readonly outbox: readonly CallEvent[] }

export interface TrackerStoreOptions {
  /** Defaults to the module's switch. */
  readonly incremental?: boolean;
}

interface DeltaSource { readonly tracker: CallTracker; readonly outbox: OutboxView }

/** An outbox event in its hash (field: its number), with its number. */
type OutboxRow = [number, CallEvent];

function isPartsMeta(state: unknown): state is TrackerMetaJson {
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)['version'] === 3;
}

/**
 * Keeps the tracker's state in Redis so a restarted (or taking-over) daemon continues open calls with the same ids and seqs.
 * Incremental layout: `<prefix>:tracker:state` holds {holder, savedAtMs, state: meta}, `:tracker:calls` a hash of call
 * id → call part, `:tracker:ended` the last ended ids, `:tracker:outbox` a hash of outbox events. Each save writes only
 * what changed, all in one MULTI/EXEC, so the state and its outbox stay consistent.
 */
export class TrackerStore {
  private readonly key: string;
  private readonly callsKey: string;
  private readonly endedKey: string;
  private readonly outboxKey: string;
  private readonly incremental: boolean;
  private source: (() => TrackerSnapshot) | null = null;
  private deltaSource: DeltaSource | null = null;
  /** The next save replaces everything stored (new source, or the last save failed: its delta is lost). */
  private needFull = true;
  /** The outbox window [first, next) in the outbox hash. */
  private outboxWritten = { first: 0, next: 0 };

  constructor(private readonly redis: Redis, prefix: string, private readonly holder: string, options: TrackerStoreOptions = {}) {
    this.key = `${prefix}:tracker:state`;
    this.callsKey = `${prefix}:tracker:calls`;
    this.endedKey = `${prefix}:tracker:ended`;
    this.outboxKey = `${prefix}:tracker:outbox`;
    this.incremental = options.incremental ?? INCREMENTAL_SNAPSHOTS;
  }

  /**
   * While set, every save writes the state and outbox this returns *at write time* (instead of the state passed to
   * save, taken earlier), in one value: an outbox event is then always one the saved state already contains.
   */
  setSnapshotSource(source: (() => TrackerSnapshot) | null): void {
    this.source = source;
    this.deltaSource = null;
  }

  /** Like setSnapshotSource for a tracker and its outbox: saved per call when incremental, else as one value. */
  setTrackerSource(tracker: CallTracker, outbox: OutboxView): void {
    if (!this.incremental) {
      this.setSnapshotSource(() => ({ state: tracker.toJSON(), outbox: outbox.since(0) }));
      return;
    }
    this.source = null;
    this.deltaSource = { tracker, outbox };
    this.needFull = true;
  }

  async load(): Promise<StoredTracker | null> {
    const replies = await this.redis.multi().get(this.key).hgetall(this.callsKey).lrange(this.endedKey, 0, -1)
      .hgetall(this.outboxKey).exec();
    if (!replies) throw new Error('tracker state read aborted');
    for (const [err] of replies) if (err) throw err;
    const raw = replies[0]?.[1];
    if (typeof raw !== 'string') return null;
    const stored = JSON.parse(raw) as StoredTracker;
    if (!isPartsMeta(stored.state)) return stored;
    const calls = (replies[1]?.[1] ?? {}) as Record<string, string>;
    const ended = (replies[2]?.[1] ?? []) as string[];
    const rows = Object.values((replies[3]?.[1] ?? {}) as Record<string, string>).map((json) => JSON.parse(json) as OutboxRow);
    const outbox = rows.sort((a, b) => a[0] - b[0]).map((row) => row[1]);
    const parts = Object.values(calls).map((json) => JSON.parse(json) as CallPartJson);
    const state: TrackerPartsJson = { version: 3, nextOrder: stored.state.nextOrder, pbx: stored.state.pbx, parts, ended };
    return { holder: stored.holder, savedAtMs: stored.savedAtMs, state, outbox };
  }

  /** The connection is up: a save sent now is answered soon. */
  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Saves write per-call deltas (setTrackerSource on an incremental store). */
  get savesDeltas(): boolean {
    return this.deltaSource !== null;
  }

  /** Whether a save would write something: the tracker changed since the last delta, or the last save failed. */
  wantsSave(): boolean {
    return this.deltaSource !== null && (this.needFull || this.deltaSource.tracker.hasUnsavedChanges);
  }

  /**
   * `stateOf` is called only when no snapshot source is set, at write time, so the state is built once per save.
   * `scope` limits which changed calls an incremental save writes (see DeltaScope); other layouts write everything.
   * The write is sent before this returns: saves sent one after another are applied in that order.
   */
  async save(stateOf: () => unknown, scope: DeltaScope = {}): Promise<void> {
    if (this.deltaSource) return this.saveDelta(this.deltaSource, scope);
    const snapshot = this.source?.() ?? { state: stateOf(), outbox: [] };
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), ...snapshot };
    await this.redis.set(this.key, JSON.stringify(stored));
  }

  /**
   * Builds the delta and hands it to the connection at once (before the first await): on a connection shared with the
   * queue, Redis applies it before any job added later. Bookkeeping assumes the write succeeds; a failure makes the
   * next save a full one.
   */
  private saveDelta(source: DeltaSource, scope: DeltaScope): Promise<void> {
    const delta = source.tracker.takeDelta(this.needFull, scope);
    this.needFull = false;
    const multi = this.redis.multi();
    if (delta.full) multi.del(this.callsKey, this.endedKey, this.outboxKey);
    if (delta.removed.length > 0) multi.hdel(this.callsKey, ...delta.removed);
    if (delta.calls.size > 0) multi.hset(this.callsKey, delta.calls);
    if (delta.ended.length > 0) multi.rpush(this.endedKey, ...delta.ended).ltrim(this.endedKey, -ENDED_KEPT, -1);
    this.outboxWritten = this.writeOutbox(multi, source.outbox, delta.full);
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), state: delta.meta };
    multi.getset(this.key, JSON.stringify(stored));
    const full = delta.full; // the reply handler keeps this, not the delta's JSON
    return multi.exec().then((replies) => {
      if (!replies) throw new Error('tracker state write aborted');
      for (const [err] of replies) if (err) throw err;
      if (!full && !this.wasOurs(replies.at(-1)?.[1])) this.needFull = true;
    }).catch((err: unknown) => {
      this.needFull = true;
      throw err;
    });
  }

  /**
   * Whether the meta a delta replaced was our own. If not, Redis lost our parts (restarted empty) or another holder
   * wrote meanwhile (a lease handover race): the next save rewrites everything, as a whole snapshot would have.
   */
  private wasOurs(previous: unknown): boolean {
    if (typeof previous !== 'string') return false;
    try {
      return (JSON.parse(previous) as Partial<StoredTracker>).holder === this.holder;
    } catch {
      return false;
    }
  }

  /** Adds the outbox events that entered since the last save, deletes those that left; returns the window now stored. */
  private writeOutbox(multi: ReturnType<Redis['multi']>, outbox: OutboxView, full: boolean): { first: number; next: number } {
    const written = full ? { first: 0, next: 0 } : this.outboxWritten;
    const events = outbox.since(written.next);
    const { first, next } = outbox;
    const gone: string[] = [];
    for (let n = written.first; n < Math.min(first, written.next); n += 1) gone.push(String(n));
    if (gone.length > 0) multi.hdel(this.outboxKey, ...gone);
    if (events.length > 0) {
      const added = new Map<string, string>();
      let n = next - events.length;
      for (const ev of events) { added.set(String(n), JSON.stringify([n, ev] satisfies OutboxRow)); n += 1; }
      multi.hset(this.outboxKey, added);
    }
    return { first, next };
  }
}
