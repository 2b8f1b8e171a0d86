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

/** Keeps the tracker's state in Redis so a restarted (or taking-over) daemon continues open calls with the same ids and seqs. */
export class TrackerStore {
  private readonly key: string;
  private outbox: () => readonly CallEvent[] = () => [];

  constructor(private readonly redis: Redis, prefix: string, private readonly holder: string) {
    this.key = `${prefix}:tracker:state`;
  }

  /** Every save also writes these events, in the same key, so state and outbox are never out of step. */
  setOutbox(source: () => readonly CallEvent[]): void {
    this.outbox = source;
  }

  async load(): Promise<StoredTracker | null> {
    const raw = await this.redis.get(this.key);
    return raw === null ? null : (JSON.parse(raw) as StoredTracker);
  }

  async save(state: unknown): Promise<void> {
    const stored: StoredTracker = { holder: this.holder, savedAtMs: Date.now(), state, outbox: this.outbox() };
    await this.redis.set(this.key, JSON.stringify(stored));
  }
}
