import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
/** Deletes every key under `${prefix}:`; returns how many. */
export async function deleteKeysUnder(url, prefix) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    let deleted = 0;
    try {
        let cursor = '0';
        do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
            cursor = next;
            if (keys.length > 0)
                deleted += await redis.del(...keys);
        } while (cursor !== '0');
    }
    finally {
        redis.disconnect();
    }
    return deleted;
}
/**
 * The replay repeats the same call ids on every run, so the demo needs keys no earlier run left. It deletes keys only
 * in a Redis it started itself, or when told to (DEMO_RESET=1, which clears REDIS_PREFIX, default `pcb-demo`). In any
 * other Redis it runs under a fresh prefix of its own (`<REDIS_PREFIX>-<random>`) and removes that prefix when it stops.
 */
export async function prepareDemoKeyspace(opts) {
    const base = opts.env['REDIS_PREFIX'] ?? 'pcb-demo';
    const none = async () => { };
    if (opts.ownRedis) {
        return { prefix: base, note: 'a private redis-server started for this run (nothing persisted)', cleanUp: none };
    }
    if (opts.env['DEMO_RESET'] === '1') {
        const deleted = await deleteKeysUnder(opts.url, base);
        return { prefix: base, note: `DEMO_RESET=1: deleted ${deleted} keys under ${base}:* first`, cleanUp: none };
    }
    const prefix = `${base}-${randomBytes(4).toString('hex')}`;
    return {
        prefix,
        note: `a Redis the demo did not start: nothing deleted; this run uses the fresh prefix ${prefix}:* and removes it when it stops (DEMO_RESET=1 clears ${base}:* and runs there instead)`,
        cleanUp: async () => { await deleteKeysUnder(opts.url, prefix); },
    };
}
