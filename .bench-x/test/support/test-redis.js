import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { hasRedisServerBinary } from '../../harness/redis/private-redis.js';
export function testRedisUrl() {
    const url = process.env['TEST_REDIS_URL'];
    if (!url)
        throw new Error('TEST_REDIS_URL is not set: vitest globalSetup (test/support/global-setup.ts) sets it (REDIS_URL, or a private redis-server)');
    return url;
}
/** A unique key prefix for one test; every key under it is deleted when the test finishes. */
export function uniquePrefix() {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    onTestFinished(async () => {
        const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
        try {
            await redis.connect();
            let cursor = '0';
            do {
                const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
                cursor = next;
                if (keys.length > 0)
                    await redis.del(...keys);
            } while (cursor !== '0');
        }
        catch { /* the test may have stopped this Redis on purpose */ }
        finally {
            redis.disconnect();
        }
    });
    return prefix;
}
/** A connection to the test Redis, closed when the test finishes. */
export function testRedis() {
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    onTestFinished(() => { redis.disconnect(); });
    return redis;
}
/** Why a test that stops or restarts Redis on purpose is skipped (it cannot do that to the shared REDIS_URL). */
export const NO_REDIS_SERVER_REASON = 'needs a redis-server binary: this test starts, stops and restarts its own Redis (apt-get install redis-server)';
/** Skips the test, with the reason, on a machine without redis-server (tests then run against REDIS_URL only). */
export function skipWithoutRedisServer(ctx) {
    ctx.skip(!hasRedisServerBinary(), NO_REDIS_SERVER_REASON);
}
