import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startChaosRig } from '../../harness/chaos/chaos-rig.js';
import { startPrivateRedis } from '../../harness/redis/private-redis.js';
import { skipWithoutRedisServer } from '../support/test-redis.js';
import { frameIndex, schedule, testRig } from './chaos-support.js';
import { sleep, waitFor } from '../../harness/poll.js';
const CALLS = ['inbound-answered.ami', 'outbound.ami', 'recorded-call.ami', 'inbound-operator-hangup.ami', 'inbound-queue.ami', 'inbound-missed.ami'];
const QLE = { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' };
/** Short versions of the chaos harness phases (bench/chaos.ts runs them longer and with more calls). */
describe('dependency faults (daemon child process)', () => {
    it('CRM down (5xx and timeouts), then a QUERY_LIMIT_EXCEEDED storm: backlog in /ready and /metrics, every call delivered once after', async () => {
        const s = await schedule(CALLS, 6, 1);
        const rig = await testRig({ schedule: s, speed: 2 });
        const d = await rig.spawn();
        await waitFor(() => rig.emu.state.registered().length > 0, { what: 'a call registered', timeoutMs: 20_000 });
        rig.crmProxy.mode = 'down';
        // both in one poll: /ready also counts events still in memory, and a count read a moment later may have moved on
        await waitFor(async () => {
            const ready = await d.get('/ready');
            const metrics = await d.get('/metrics');
            return ready !== null && JSON.parse(ready.body).queueDepth > 0
                && /pcb_queue_jobs\{state="(delayed|waiting|active)"\} [1-9]/.test(metrics?.body ?? '');
        }, { what: 'a backlog in /ready and in /metrics', timeoutMs: 10_000 });
        await sleep(3000);
        expect(rig.crmProxy.faulted).toBeGreaterThan(0);
        rig.crmProxy.mode = 'pass';
        rig.emu.failNext('*', QLE, Number.MAX_SAFE_INTEGER);
        await sleep(3000);
        rig.emu.failNext('*', QLE, 0);
        await rig.replay.finished;
        const tally = await rig.settle(30_000);
        expect(tally).toMatchObject({ expected: 6, delivered: 6, duplicated: 0, lost: 0, extra: 0 });
        expect(d.alive).toBe(true);
        expect(d.lines.filter((l) => l.includes('"level":50') || l.includes('"level":60'))).toEqual([]);
    }, 60_000);
    it('AMI link cut while a call rings: reconnects, resyncs, and the call is finished once', async () => {
        const s = await schedule(['inbound-queue.ami'], 1, 0);
        const rig = await testRig({ schedule: s, speed: 0.5 });
        const d = await rig.spawn();
        await waitFor(() => rig.emu.state.registered().length === 1, { what: 'the ringing call registered', timeoutMs: 20_000 });
        rig.amiProxy.cut();
        await sleep(3000);
        expect(rig.replay.position).toBeLessThan(frameIndex(s, 'Hangup', frameIndex(s, 'AgentConnect')));
        rig.amiProxy.restore();
        await waitFor(() => d.lines.filter((l) => l.includes('resynced with the PBX')).length >= 2, { what: 'reconnected and resynced', timeoutMs: 15_000 });
        await rig.replay.finished;
        const tally = await rig.settle(20_000);
        expect(tally).toMatchObject({ expected: 1, delivered: 1, duplicated: 0, lost: 0, mismatched: 0 });
    }, 60_000);
    it('Redis restarted (append-only file): no crash, every call delivered once', async (ctx) => {
        skipWithoutRedisServer(ctx); // restarts a Redis of its own
        const dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-test-'));
        const redis = await startPrivateRedis(undefined, { appendOnlyDir: dir });
        onTestFinished(async () => { await redis.stop(); rmSync(dir, { recursive: true, force: true }); });
        const s = await schedule(CALLS, 6, 1);
        const rig = await startChaosRig({ schedule: s, speed: 2, redisUrl: redis.url, prefix: 'redis-restart' });
        onTestFinished(() => rig.close());
        const d = await rig.spawn();
        await waitFor(() => rig.emu.state.registered().length > 0, { what: 'a call registered', timeoutMs: 20_000 });
        await redis.restart(2000);
        await rig.replay.finished;
        const tally = await rig.settle(30_000);
        expect(tally).toMatchObject({ expected: 6, delivered: 6, duplicated: 0, lost: 0, extra: 0 });
        expect(d.alive).toBe(true);
    }, 60_000);
});
