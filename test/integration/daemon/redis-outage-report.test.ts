import { beforeEach, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../../../src/demo/private-redis.js';
import { freePort } from '../../../src/demo/private-redis.js';
import { waitUntil } from '../../support/ami-replay.js';
import { startTestDaemon, waitUntilAsync } from '../../support/test-daemon.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';

beforeEach((ctx) => { skipWithoutRedisServer(ctx); });

type Line = Record<string, unknown>;

describe('Redis going away and coming back', () => {
  it('logs one line per connection and state change (reason in words, no stack) and /ready marks unread figures stale', async () => {
    const redis = await startPrivateRedis();
    const daemon = await startTestDaemon({ amiPort: await freePort(), env: { REDIS_URL: redis.url } });
    const lines = (): Line[] => daemon.logLines().map((l) => JSON.parse(l) as Line);
    await waitUntilAsync(async () => (await daemon.get('/ready', null)).status === 200, 'the daemon to be ready');
    await redis.stop();
    try {
      const started = Date.now();
      await waitUntil(() => !daemon.writer.redisConnected(), 'Redis to go away');
      await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts of every connection
      const ready = await daemon.get('/ready', null);
      expect(ready.status).toBe(503);
      const body = ready.body as { counts: { stale: boolean; ageMs: number }; pbx: Array<{ stale: boolean; ageMs: number }>; redis: boolean };
      expect(body.redis).toBe(false);
      expect(body.counts.stale).toBe(true); // the last job counts read, not fresh ones
      expect(body.counts.ageMs).toBeGreaterThanOrEqual(1000);
      expect(body.counts.ageMs).toBeLessThan(Date.now() - started + 5000);
      expect(body.pbx[0]?.stale).toBe(true);
    } finally {
      await redis.restart();
    }
    await waitUntilAsync(async () => (await daemon.get('/ready', null)).status === 200, 'ready again');
    await waitUntil(() => lines().filter((l) => l['msg'] === 'Redis reachable again').length >= 2, 'both watched connections back');
    const down = lines().filter((l) => l['msg'] === 'Redis unreachable');
    expect(down.map((l) => l['connection']).sort()).toEqual(['main', 'sync-worker']); // once each, however many attempts
    for (const l of down) {
      expect(l['level']).toBe(40);
      expect(l['reason']).toBe(`connection refused to 127.0.0.1:${redis.port}`);
      expect(JSON.stringify(l)).not.toMatch(/stack|at .*\.js/);
    }
    expect(lines().filter((l) => l['msg'] === 'redis unreachable; buffering call events in memory')).toHaveLength(1);
    const loud = lines().filter((l) => Number(l['level']) >= 40 && JSON.stringify(l).includes('ECONNREFUSED'));
    expect(loud).toEqual([]); // no per-attempt warning with a raw error and its stack
    const fresh = (await daemon.get('/ready', null)).body as { counts: { stale: boolean; ageMs: number } };
    expect(fresh.counts).toEqual({ stale: false, ageMs: 0 });
  }, 30_000);
});
