import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { jobIdFor } from '../../../src/queue/job-id.js';
import { inboundAnsweredEvents, inboundMissedEvents } from '../../../harness/call-builders.js';
import { startSyncPipeline } from './sync-pipeline.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
import { waitFor } from '../../../harness/poll.js';
// every test here stops and restarts a Redis of its own (never the shared REDIS_URL)
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
describe('a Redis restart in the middle of the stream', () => {
    it('loses no event and applies none twice', async () => {
        const redis = await startPrivateRedis();
        onTestFinished(() => redis.stop());
        const p = startSyncPipeline({ redisUrl: redis.url, prefix: 'rr', graceMs: 300 });
        const before = Array.from({ length: 10 }, (_, i) => inboundMissedEvents({ phone: `+7495200${String(i).padStart(4, '0')}` }));
        const spanning = inboundAnsweredEvents({ phone: '+74952009999' });
        const [spanRinging, ...spanRest] = spanning;
        if (!spanRinging)
            throw new Error('builder');
        for (const ev of [...before.flat(), spanRinging])
            p.writer.push(ev);
        await waitFor(() => p.applied.size === before.flat().length + 1, { what: 'events before the restart', timeoutMs: 8000 });
        const after = Array.from({ length: 10 }, (_, i) => inboundAnsweredEvents({ phone: `+7495300${String(i).padStart(4, '0')}` }));
        const restarted = redis.restart(800);
        await waitFor(() => !p.writer.redisConnected(), { what: 'redis to go away', timeoutMs: 2000 });
        const during = [...spanRest, ...after.flat()];
        for (const ev of during)
            expect(p.writer.push(ev)).toBe(true);
        expect(p.writer.bufferCounters().buffered).toBeGreaterThan(0);
        await restarted;
        const all = [...before.flat(), spanRinging, ...during];
        await waitFor(() => p.applied.size === all.length, { what: 'every event applied after the restart', timeoutMs: 15_000 });
        for (const ev of all)
            expect(p.applied.get(jobIdFor(ev.call.id, ev.seq)), jobIdFor(ev.call.id, ev.seq)).toBe(1);
        expect(p.writer.bufferCounters()).toMatchObject({ buffered: 0, dropped: 0, accepted: all.length, flushed: all.length });
        const spanIds = spanning.map((ev) => jobIdFor(ev.call.id, ev.seq));
        expect(p.order.filter((id) => spanIds.includes(id))).toEqual(spanIds);
    });
});
describe('the event buffer while Redis is unreachable', () => {
    it('accepts events at once, drops (and counts) beyond its bound, and flushes the rest in order', async () => {
        const redis = await startPrivateRedis();
        onTestFinished(() => redis.stop());
        await redis.stop();
        const p = startSyncPipeline({ redisUrl: redis.url, prefix: 'rb', bufferMax: 100 });
        const events = Array.from({ length: 60 }, (_, i) => inboundMissedEvents({ phone: `+7495400${String(i).padStart(4, '0')}` })).flat();
        const t0 = performance.now();
        const accepted = events.map((ev) => p.writer.push(ev));
        expect(performance.now() - t0).toBeLessThan(200);
        expect(accepted.filter(Boolean)).toHaveLength(100);
        expect(p.writer.bufferCounters()).toMatchObject({ buffered: 100, dropped: 20 });
        expect((await p.writer.stats()).buffered).toBe(100);
        await redis.restart();
        await waitFor(() => p.applied.size === 100, { what: 'the buffered events applied', timeoutMs: 15_000 });
        expect(p.writer.bufferCounters()).toMatchObject({ buffered: 0, flushed: 100, dropped: 20 });
    });
});
