import type { Redis } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { CallPartJson, CallTracker, TrackerMetaJson, TrackerPartsJson } from '../calls/call-tracker.js';

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

interface DeltaSource { readonly tracker: CallTracker; readonly outbox: () => readonly CallEvent[] }

/** An outbox event in its hash, with its write number. */
type OutboxRow = [number, CallEvent];

const outboxId = (ev: CallEvent): string => `${ev.call.id}-${ev.seq}`;

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
  /** Outbox events already in the outbox hash. */
  private outboxWritten = new Set<string>();
  /** Numbers outbox rows in the order they were written, which is the order they are re-enqueued in. */
  private outboxCount = 0;

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
  setTrackerSource(tracker: CallTracker, outbox: () => readonly CallEvent[]): void {
    if (!this.incremental) {
      this.setSnapshotSource(() => ({ state: tracker.toJSON(), outbox: outbox() }));
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
    const state: TrackerPartsJson = { version: 3, nextOrder: stored.state.nextOrder, parts, ended };
    return { holder: stored.holder, savedAtMs: stored.savedAtMs, state, outbox };
  }

  /** `stateOf` is called only when no snapshot source is set, at write time, so the state is built once per save. */
  async save(stateOf: () => unknown): Promise<void> {
    if (this.deltaSource) return this.saveDelta(this.deltaSource);
    const snapshot = this.source?.() ?? { state: stateOf(), outbox: [] };
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), ...snapshot };
    await this.redis.set(this.key, JSON.stringify(stored));
  }

  private async saveDelta(source: DeltaSource): Promise<void> {
    const full = this.needFull;
    this.needFull = true; // until this save is known to be written
    const delta = source.tracker.takeDelta(full);
    const multi = this.redis.multi();
    if (delta.full) multi.del(this.callsKey, this.endedKey, this.outboxKey);
    if (delta.removed.length > 0) multi.hdel(this.callsKey, ...delta.removed);
    if (delta.calls.size > 0) multi.hset(this.callsKey, delta.calls);
    if (delta.ended.length > 0) multi.rpush(this.endedKey, ...delta.ended).ltrim(this.endedKey, -ENDED_KEPT, -1);
    const outboxNow = this.writeOutbox(multi, source.outbox(), delta.full ? new Set() : this.outboxWritten);
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), state: delta.meta };
    multi.getset(this.key, JSON.stringify(stored));
    const replies = await multi.exec();
    if (!replies) throw new Error('tracker state write aborted');
    for (const [err] of replies) if (err) throw err;
    this.outboxWritten = outboxNow;
    this.needFull = !delta.full && !this.wasOurs(replies.at(-1)?.[1]);
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

  /** Adds the outbox events not yet in the hash, deletes those that left the outbox; returns the ids now in it. */
  private writeOutbox(multi: ReturnType<Redis['multi']>, outbox: readonly CallEvent[], written: ReadonlySet<string>): Set<string> {
    const now = new Set<string>();
    const added = new Map<string, string>();
    for (const ev of outbox) {
      const id = outboxId(ev);
      now.add(id);
      if (!written.has(id)) added.set(id, JSON.stringify([this.outboxCount++, ev] satisfies OutboxRow));
    }
    const gone = [...written].filter((id) => !now.has(id));
    if (gone.length > 0) multi.hdel(this.outboxKey, ...gone);
    if (added.size > 0) multi.hset(this.outboxKey, added);
    return now;
  }
}
