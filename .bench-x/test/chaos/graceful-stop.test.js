import { describe, expect, it } from 'vitest';
import { schedule, testRig } from './chaos-support.js';
import { waitFor } from '../../harness/poll.js';
const reading = (lines) => lines.some((l) => l.includes('"msg":"reading the PBX"'));
describe('graceful stop (daemon child process)', () => {
    it('SIGTERM mid-traffic: exits 0 quickly, releases the lease, and the next process delivers every call once', async () => {
        const s = await schedule(['inbound-answered.ami', 'outbound.ami', 'recorded-call.ami', 'inbound-operator-hangup.ami', 'inbound-missed.ami'], 6, 1);
        const rig = await testRig({ schedule: s, speed: 1 });
        const first = await rig.spawn();
        await waitFor(() => rig.tally().delivered >= 1, { what: 'the first call delivered', timeoutMs: 20_000 });
        const t0 = Date.now();
        first.signal('SIGTERM');
        const exit = await first.exited;
        expect(exit.code).toBe(0);
        expect(Date.now() - t0).toBeLessThan(5000);
        expect(first.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
        expect(await rig.redis.get(rig.leaseKey)).toBeNull(); // released, not left to expire
        const second = await rig.spawn();
        const t1 = Date.now();
        await waitFor(() => reading(second.lines), { what: 'the next process reads the PBX at once', timeoutMs: 10_000 });
        expect(Date.now() - t1).toBeLessThan(4000); // process start + first lease round; no TTL wait
        await rig.replay.finished;
        const tally = await rig.settle(20_000);
        expect(tally).toMatchObject({ expected: 6, delivered: 6, duplicated: 0, lost: 0, extra: 0 });
        second.signal('SIGTERM');
        expect((await second.exited).code).toBe(0);
    }, 60_000);
    it('a second signal during a slow stop exits at once', async () => {
        const s = await schedule(['inbound-answered.ami'], 2, 1);
        const rig = await testRig({ schedule: s, speed: 1, daemonEnv: { BITRIX24_REQUEST_TIMEOUT_MS: '30000' } });
        const d = await rig.spawn();
        await waitFor(() => reading(d.lines), { what: 'reading the PBX', timeoutMs: 15_000 });
        rig.crmProxy.mode = 'hang'; // the ringing job now waits on the CRM: stopping must wait for it
        await waitFor(() => rig.crmProxy.faulted > 0, { what: 'a CRM request hangs', timeoutMs: 15_000 });
        d.signal('SIGTERM');
        await waitFor(() => d.lines.some((l) => l.includes('stopping')), { what: 'the stop began', timeoutMs: 5_000 });
        await new Promise((r) => setTimeout(r, 300));
        expect(d.alive).toBe(true); // still draining
        const t0 = Date.now();
        d.signal('SIGINT');
        const exit = await d.exited;
        expect(Date.now() - t0).toBeLessThan(1000);
        expect(exit.code).toBe(1);
        expect(d.lines.some((l) => l.includes('second signal'))).toBe(true);
    }, 40_000);
});
