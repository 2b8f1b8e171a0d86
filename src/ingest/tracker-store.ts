import type { Redis } from 'ioredis';
import type { CallEvent } from '../calls/call.js';

export interface StoredTracker {
  /** The instance that wrote it; a new lease holder loads another instance's state, and keeps its own in memory. */
  readonly holder: string;
  readonly savedAtMs: number;
  readonly state: unknown;
  /** Call events the state already contains that may not have reached the queue yet (see SnapshotFirstForwarder). */
  readonly outbox?: readonly CallEvent[];
}

export interface TrackerSnapshot { readonly state: unknown; readonly outbox: readonly CallEvent[] }

/** Keeps the tracker's state in Redis so a restarted (or taking-over) daemon continues open calls with the same ids and seqs. */
export class TrackerStore {
  private readonly key: string;
  private source: (() => TrackerSnapshot) | null = null;

  constructor(private readonly redis: Redis, prefix: string, private readonly holder: string) {
    this.key = `${prefix}:tracker:state`;
  }

  /**
   * While set, every save writes the state and outbox this returns *at write time* (instead of the state passed to
   * save, taken earlier), in one value: an outbox event is then always one the saved state already contains.
   */
  setSnapshotSource(source: (() => TrackerSnapshot) | null): void {
    this.source = source;
  }

  async load(): Promise<StoredTracker | null> {
    const raw = await this.redis.get(this.key);
    return raw === null ? null : (JSON.parse(raw) as StoredTracker);
  }

  /** `stateOf` is called only when no snapshot source is set, at write time, so the state is built once per save. */
  async save(stateOf: () => unknown): Promise<void> {
    const snapshot = this.source?.() ?? { state: stateOf(), outbox: [] };
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), ...snapshot };
    await this.redis.set(this.key, JSON.stringify(stored));
  }
}
