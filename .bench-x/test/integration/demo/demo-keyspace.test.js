import { describe, expect, it } from 'vitest';
import { prepareDemoKeyspace } from '../../../harness/redis/demo-keyspace.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/test-redis.js';
/** A Redis holding someone's keys under the demo's prefix, and a neighbour's keys beside them. */
async function redisWithOthersKeys() {
    const base = uniquePrefix();
    const neighbour = uniquePrefix();
    const redis = testRedis();
    await redis.set(`${base}:call:1795413735.0`, 'someone else\'s');
    await redis.set(`${neighbour}:x`, 'not the demo\'s');
    return { base, neighbour, redis };
}
describe('the demo keyspace', () => {
    it('deletes nothing in a Redis it did not start: runs under a fresh prefix, and removes only that when it stops', async () => {
        const { base, neighbour, redis } = await redisWithOthersKeys();
        const first = await prepareDemoKeyspace({ url: testRedisUrl(), ownRedis: false, env: { REDIS_PREFIX: base } });
        const second = await prepareDemoKeyspace({ url: testRedisUrl(), ownRedis: false, env: { REDIS_PREFIX: base } });
        expect(first.prefix).toMatch(new RegExp(`^${base}-[0-9a-f]{8}$`));
        expect(second.prefix).not.toBe(first.prefix);
        expect(await redis.get(`${base}:call:1795413735.0`)).toBe('someone else\'s');
        expect(first.note).toContain('nothing deleted');
        await redis.set(`${first.prefix}:call:1`, 'demo');
        await redis.set(`${first.prefix}:bull:call-events:1`, 'demo');
        await first.cleanUp();
        expect(await redis.keys(`${first.prefix}:*`)).toEqual([]);
        expect(await redis.get(`${base}:call:1795413735.0`)).toBe('someone else\'s');
        expect(await redis.get(`${neighbour}:x`)).toBe('not the demo\'s');
    });
    it('clears REDIS_PREFIX first when told to (DEMO_RESET=1), and only that prefix', async () => {
        const { base, neighbour, redis } = await redisWithOthersKeys();
        const keys = await prepareDemoKeyspace({ url: testRedisUrl(), ownRedis: false, env: { REDIS_PREFIX: base, DEMO_RESET: '1' } });
        expect(keys.prefix).toBe(base);
        expect(await redis.keys(`${base}:*`)).toEqual([]);
        expect(await redis.get(`${neighbour}:x`)).toBe('not the demo\'s');
        expect(keys.note).toContain('deleted 1 keys');
    });
    it('uses REDIS_PREFIX as it is in a private Redis the demo started itself', async () => {
        const keys = await prepareDemoKeyspace({ url: testRedisUrl(), ownRedis: true, env: {} });
        expect(keys.prefix).toBe('pcb-demo');
    });
});
