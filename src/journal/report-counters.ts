import type { ChainableCommander, Redis } from 'ioredis';
import type { Figure, FigureDimension } from './call-figures.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Dimensions rolled up per UTC day too (the hours report reads the hour buckets of `all`). */
const DAY_ROLLED: ReadonlySet<FigureDimension> = new Set(['op', 'line', 'queue']);

/**
 * Replaces a call's previous contribution to the counters with its new one, atomically: subtracts what the call hash
 * says it added last time, adds the new figures, remembers them. So rewriting a journal entry (a retried job, a
 * call-back mark) never counts a call twice. KEYS[1]: the call hash; ARGV[1]: JSON [[counterKey, field, n], …].
 */
const REPLACE_FIGURES = `
local old = redis.call('HGET', KEYS[1], 'figures')
if old then for _, f in ipairs(cjson.decode(old)) do redis.call('HINCRBY', f[1], f[2], -f[3]) end end
for _, f in ipairs(cjson.decode(ARGV[1])) do redis.call('HINCRBY', f[1], f[2], f[3]) end
redis.call('HSET', KEYS[1], 'figures', ARGV[1])
return 1`;

/**
 * Report counters in Redis: a hash per UTC hour and dimension, `<prefix>:agg:h:<hour since epoch>:<dim>`, and per UTC
 * day for op/line/queue, `<prefix>:agg:d:<day since epoch>:<dim>`. Fields are `<metric>|<key>` (`<metric>` for `all`).
 * Counters stay when calls leave the journal (retention, erasure): they hold no phone number.
 */
export class ReportCounters {
  constructor(private readonly prefix: string) {}

  hourKey(hour: number, dim: FigureDimension): string {
    return `${this.prefix}:agg:h:${hour}:${dim}`;
  }

  dayKey(day: number, dim: FigureDimension): string {
    return `${this.prefix}:agg:d:${day}:${dim}`;
  }

  /** The counter increments of one call: [hash key, field, amount] for its hour and, rolled up, its day. */
  increments(startedAtMs: number, figures: readonly Figure[]): Array<[string, string, number]> {
    const hour = Math.floor(startedAtMs / HOUR_MS);
    const day = Math.floor(startedAtMs / DAY_MS);
    const rows: Array<[string, string, number]> = [];
    for (const f of figures) {
      const field = f.dim === 'all' ? f.field : `${f.field}|${f.key}`;
      rows.push([this.hourKey(hour, f.dim), field, f.n]);
      if (DAY_ROLLED.has(f.dim)) rows.push([this.dayKey(day, f.dim), field, f.n]);
    }
    return rows;
  }

  /** Queues, on `tx`, the replacement of the call's contribution (callKey: its journal hash) by `figures`. */
  replace(tx: ChainableCommander, callKey: string, startedAtMs: number, figures: readonly Figure[]): void {
    tx.eval(REPLACE_FIGURES, 1, callKey, JSON.stringify(this.increments(startedAtMs, figures)));
  }

  /** The hashes of the given keys, in order (one pipelined round trip). */
  async read(redis: Redis, keys: readonly string[]): Promise<Array<Record<string, string>>> {
    if (keys.length === 0) return [];
    const pipe = redis.pipeline();
    for (const key of keys) pipe.hgetall(key);
    const replies = (await pipe.exec()) ?? [];
    return replies.map(([err, value]) => {
      if (err) throw err;
      return (value ?? {}) as Record<string, string>;
    });
  }
}
