import type { Redis } from 'ioredis';

/** Keeps the tracker's state in Redis so a restarted (or taking-over) daemon continues open calls with the same ids and seqs. */
export class TrackerStore {
  private readonly key: string;
  constructor(private readonly redis: Redis, prefix: string) {
    this.key = `${prefix}:tracker:state`;
  }

  async load(): Promise<unknown | null> {
    const raw = await this.redis.get(this.key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  }

  async save(state: unknown): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(state));
  }
}
