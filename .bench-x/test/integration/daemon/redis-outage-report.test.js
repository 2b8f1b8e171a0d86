import { beforeEach, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { waitFor } from '../../../harness/poll.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
describe('Redis going away and coming back', () => {
    it('logs one line per connection and state change (reason in words, no stack) and /ready marks unread figures stale', async () => {
        const redis = await startPrivateRedis();
        const daemon = await startTestDaemon({ amiPort: await freePort(), env: { REDIS_URL: redis.url } });
        const lines = () => daemon.logLines().map((l) => JSON.parse(l));
        await waitFor(async () => (await daemon.get('/ready', null)).status === 200, { what: 'the daemon to be ready', timeoutMs: 8000 });
        await redis.stop();
        try {
            const started = Date.now();
            await waitFor(() => !daemon.writer.redisConnected(), { what: 'Redis to go away', timeoutMs: 8000 });
            await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts of every connection
            const ready = await daemon.get('/ready', null);
            expect(ready.status).toBe(503);
            const body = ready.body;
            expect(body.redis).toBe(false);
            expect(body.counts.stale).toBe(true); // the last job counts read, not fresh ones
            expect(body.counts.ageMs).toBeGreaterThanOrEqual(1000);
            expect(body.counts.ageMs).toBeLessThan(Date.now() - started + 5000);
            expect(body.pbx[0]?.stale).toBe(true);
        }
        finally {
            await redis.restart();
        }
        await waitFor(async () => (await daemon.get('/ready', null)).status === 200, { what: 'ready again', timeoutMs: 8000 });
        await waitFor(() => lines().filter((l) => l['msg'] === 'Redis reachable again').length >= 2, { what: 'both watched connections back', timeoutMs: 8000 });
        const down = lines().filter((l) => l['msg'] === 'Redis unreachable');
        expect(down.map((l) => l['connection']).sort()).toEqual(['main', 'sync-worker']); // once each, however many attempts
        for (const l of down) {
            expect(l['level']).toBe(40);
            // the connection a kill cuts mid-read says reset, the ones that try again meanwhile say refused
            expect(l['reason']).toMatch(new RegExp(`^connection (refused to|reset by) 127\\.0\\.0\\.1:${redis.port}$`));
            expect(JSON.stringify(l)).not.toMatch(/stack|at .*\.js/);
        }
        expect(lines().filter((l) => l['msg'] === 'redis unreachable; buffering call events in memory')).toHaveLength(1);
        const loud = lines().filter((l) => Number(l['level']) >= 40 && JSON.stringify(l).includes('ECONNREFUSED'));
        expect(loud).toEqual([]); // no per-attempt warning with a raw error and its stack
        const fresh = (await daemon.get('/ready', null)).body;
        expect(fresh.counts).toEqual({ stale: false, ageMs: 0 });
    }, 30_000);
});
