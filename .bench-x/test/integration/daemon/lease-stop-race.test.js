import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { RedisLease } from '../../../src/lease/redis-lease.js';
import { silentLogger } from '../../../src/log.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
describe('stopping a lease while a check is in flight', () => {
    it('fires no acquired() after stop() and leaves the key free for the next instance', async () => {
        const redis = testRedis();
        const key = `${uniquePrefix()}:lease`;
        const realSet = redis.set.bind(redis);
        // One fault: Redis answers the first SET NX slowly (a busy Redis, or a daemon stopped while starting).
        vi.spyOn(redis, 'set').mockImplementationOnce(((...args) => new Promise((resolve) => setTimeout(resolve, 150)).then(() => realSet(...args))));
        const lease = new RedisLease(redis, { key, holderId: 'stopping', ttlMs: 5000, checkEveryMs: 1000 }, silentLogger());
        onTestFinished(() => lease.stop());
        const acquired = [];
        lease.start({ acquired: () => acquired.push(Date.now()), lost: () => undefined });
        await lease.stop();
        await new Promise((resolve) => setTimeout(resolve, 250)); // past the slow SET
        expect(acquired).toEqual([]);
        expect(lease.isHeld).toBe(false);
        expect(await redis.get(key)).toBeNull();
    });
});
