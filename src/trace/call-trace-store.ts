import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../net/redis-client.js';
import { readEntries, type TraceEntry } from './trace-entries.js';

/** The two lists of a call's trace: the AMI events that made it, and every decision and CRM request about it. */
export type TraceList = 'ami' | 'log';

export type { TraceEntry } from './trace-entries.js';

export interface CallTrace {
  readonly callId: string;
  /** Calls the tracker merged into this one (transfer, pickup): their traces are included. */
  readonly mergedFrom: readonly string[];
  readonly amiEvents: readonly TraceEntry[];
  readonly decisions: readonly TraceEntry[];
}

export interface TraceLimits {
  readonly ttlSec: number;        // CALL_TRACE_TTL_HOURS
  readonly maxEntries: number;    // per list and call: the first ones are kept
}

export const DEFAULT_TRACE_LIMITS: TraceLimits = { ttlSec: 72 * 3600, maxEntries: 400 };
const MERGE_DEPTH_MAX = 5;

/**
 * Per-call traces in Redis, `<prefix>:trace:<callId>:ami` and `:log`: bounded lists (the first maxEntries entries)
 * with a TTL, so they cost nothing once the call is old. Writers append inside their own MULTI (append) or alone (add).
 */
export class CallTraceStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly limits: TraceLimits = DEFAULT_TRACE_LIMITS) {}

  key(callId: string, list: TraceList): string {
    return `${this.prefix}:trace:${callId}:${list}`;
  }

  /**
   * Queues the chunks on `tx` (each one element: one or more entries, each its JSON and a newline; a lone JSON is one
   * entry too): appended, its TTL renewed and, with `trim`, the list bounded. Writers keep a call's first
   * maxEntries entries (TraceBuffer counts them); the list's bound in elements is the backstop, and read() gives the
   * first maxEntries.
   */
  append(tx: ChainableCommander, callId: string, list: TraceList, chunks: readonly string[], trim = true): void {
    if (chunks.length === 0) return;
    const key = this.key(callId, list);
    tx.rpush(key, ...chunks);
    if (trim) tx.ltrim(key, 0, this.limits.maxEntries - 1);
    tx.expire(key, this.limits.ttlSec);
  }

  /** Appends one entry on its own (CRM requests: off the AMI path). */
  async add(callId: string, entry: TraceEntry): Promise<void> {
    const tx = this.redis.multi();
    this.append(tx, callId, 'log', [JSON.stringify(entry)]);
    await tx.exec();
  }

  /** The trace of a call and of the calls merged into it; null when nothing is kept for it. */
  async read(callId: string): Promise<CallTrace | null> {
    const ids = [callId];
    const ami: TraceEntry[] = [];
    const log: TraceEntry[] = [];
    for (let i = 0; i < ids.length && i < MERGE_DEPTH_MAX * 4; i += 1) {
      const id = ids[i] ?? '';
      const [events, decisions] = await Promise.all([this.list(id, 'ami'), this.list(id, 'log')]);
      ami.push(...events);
      for (const d of decisions) {
        log.push(d);
        if (d.kind === 'merged-from' && typeof d['callId'] === 'string' && !ids.includes(d['callId'])) ids.push(d['callId']);
      }
    }
    if (ami.length === 0 && log.length === 0) return null;
    const byTime = (a: TraceEntry, b: TraceEntry) => a.atMs - b.atMs;
    return { callId, mergedFrom: ids.slice(1), amiEvents: ami.sort(byTime), decisions: log.sort(byTime) };
  }

  /** The first maxEntries entries of one list (see readEntries: what does not read as an entry is skipped). */
  private async list(callId: string, list: TraceList): Promise<TraceEntry[]> {
    const elements = await this.redis.lrange(this.key(callId, list), 0, -1);
    const entries: TraceEntry[] = [];
    for (const element of elements) {
      if (entries.length >= this.limits.maxEntries) break;
      readEntries(element, entries, this.limits.maxEntries);
    }
    return entries;
  }

  /** Deletes the traces of these calls; how many calls had one. */
  async remove(callIds: readonly string[]): Promise<number> {
    let removed = 0;
    for (const id of callIds) {
      const n = await this.redis.del(this.key(id, 'ami'), this.key(id, 'log'));
      if (n > 0) removed += 1;
    }
    return removed;
  }
}
