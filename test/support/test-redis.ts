import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';

export function testRedisUrl(): string {
  const url = process.env['TEST_REDIS_URL'];
  if (!url) throw new Error('TEST_REDIS_URL is not set: vitest globalSetup (test/support/global-setup.ts) starts a private redis-server');
  return url;
}

/** A unique key prefix for one test; every key under it is deleted when the test finishes. */
export function uniquePrefix(): string {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  onTestFinished(async () => {
    const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } catch { /* the test may have stopped this Redis on purpose */ } finally {
      redis.disconnect();
    }
  });
  return prefix;
}

/** A connection to the test Redis, closed when the test finishes. */
export function testRedis(): Redis {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  onTestFinished(() => { redis.disconnect(); });
  return redis;
}
