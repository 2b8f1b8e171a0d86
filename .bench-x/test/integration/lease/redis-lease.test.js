import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisLease } from '../../../src/lease/redis-lease.js';
import { silentLogger } from '../../../src/log.js';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { skipWithoutRedisServer, testRedis, uniquePrefix } from '../../support/test-redis.js';
import { waitFor } from '../../../harness/poll.js';
function lease(key, holderId, ttlMs = 600) {
    const l = new RedisLease(testRedis(), { key, holderId, ttlMs, checkEveryMs: 100 }, silentLogger());
    onTestFinished(() => l.stop());
    return l;
}
describe('RedisLease', () => {
    it('lets exactly one of two instances hold the lease', async () => {
        const key = `${uniquePrefix()}:lease`;
        const a = lease(key, 'a');
        const b = lease(key, 'b');
        a.start({ acquired: () => { }, lost: () => { } });
        await waitFor(() => a.isHeld, { what: 'a to hold the lease', timeoutMs: 5000 });
        b.start({ acquired: () => { }, lost: () => { } });
        await new Promise((r) => setTimeout(r, 400));
        expect(a.isHeld).toBe(true);
        expect(b.isHeld).toBe(false);
    });
    it('is taken over when the holder stops renewing, and released at once on a clean stop', async () => {
        const key = `${uniquePrefix()}:lease`;
        const a = lease(key, 'a');
        const b = lease(key, 'b');
        let bAcquired = 0;
        a.start({ acquired: () => { }, lost: () => { } });
        await waitFor(() => a.isHeld, { what: 'a to hold the lease', timeoutMs: 5000 });
        b.start({ acquired: () => { bAcquired++; }, lost: () => { } });
        await a.stop();
        await waitFor(() => b.isHeld, { what: 'b to take the lease over', timeoutMs: 2000 });
        expect(bAcquired).toBe(1);
    });
    it('is taken over within the TTL when the holder dies without releasing', async () => {
        const key = `${uniquePrefix()}:lease`;
        await testRedis().set(key, 'crashed-instance', 'PX', 500);
        const b = lease(key, 'b');
        b.start({ acquired: () => { }, lost: () => { } });
        await new Promise((r) => setTimeout(r, 200));
        expect(b.isHeld).toBe(false);
        await waitFor(() => b.isHeld, { what: 'b to take the lease over', timeoutMs: 2000 });
    });
    it('never renews a lease somebody else holds', async () => {
        const key = `${uniquePrefix()}:lease`;
        const redis = testRedis();
        await redis.set(key, 'other', 'PX', 5000);
        const a = lease(key, 'a');
        expect(await a.renew()).toBe(false);
        await a.release();
        expect(await redis.get(key)).toBe('other');
    });
});
describe('RedisLease with a stable holder id', () => {
    it('is taken back at once by a restarted holder with the same id, never by another', async () => {
        const key = `${uniquePrefix()}:lease`;
        await testRedis().set(key, 'stable-a', 'PX', 5000); // the previous incarnation died holding it
        const other = lease(key, 'b');
        other.start({ acquired: () => { }, lost: () => { } });
        const again = lease(key, 'stable-a');
        again.start({ acquired: () => { }, lost: () => { } });
        await waitFor(() => again.isHeld, { what: 'the restarted holder to take the lease back', timeoutMs: 1000 });
        expect(other.isHeld).toBe(false);
    });
    it('stops within one TTL when Redis is away, the check in flight and the release sharing it', async (ctx) => {
        skipWithoutRedisServer(ctx); // stops a Redis of its own
        const server = await startPrivateRedis();
        onTestFinished(() => server.stop());
        const redis = new Redis(server.url, { maxRetriesPerRequest: null }); // commands wait while Redis is away, as the daemon's
        redis.on('error', () => undefined);
        onTestFinished(() => { redis.disconnect(); });
        const ttlMs = 1000;
        const l = new RedisLease(redis, { key: `${uniquePrefix()}:lease`, holderId: 'a', ttlMs, checkEveryMs: 100 }, silentLogger());
        l.start({ acquired: () => { }, lost: () => { } });
        await waitFor(() => l.isHeld, { what: 'the lease held', timeoutMs: 5000 });
        await server.stop();
        await new Promise((r) => setTimeout(r, 250)); // a renewal is now waiting for Redis
        const started = Date.now();
        await l.stop();
        const took = Date.now() - started;
        expect(took).toBeGreaterThanOrEqual(ttlMs - 50);
        expect(took).toBeLessThan(ttlMs * 1.5); // the check's wait and the release's used to take one TTL each
    });
});
