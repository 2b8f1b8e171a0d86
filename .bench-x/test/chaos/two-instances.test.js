import { describe, expect, it } from 'vitest';
import { schedule, testRig } from './chaos-support.js';
import { waitFor } from '../../harness/poll.js';
const reading = (lines) => lines.filter((l) => l.includes('"msg":"reading the PBX"')).length;
/**
 * Two daemon processes on one Redis and one PBX: exactly one holds the AMI lease, logs in to AMI and runs the tracker
 * (the standby keeps no AMI session), both run sync workers; kill -9 of the holder hands the PBX to the other within
 * the lease TTL (4 s) plus one check.
 */
describe('two instances (child processes, one Redis)', () => {
    it('reads the PBX on one instance only, fails over within seconds after kill -9, registers no call twice', async () => {
        // five calls of 5-10 s PBX time at half speed: each lasts longer in wall time than the failover gap
        const s = await schedule(['inbound-answered.ami', 'outbound.ami', 'recorded-call.ami', 'inbound-operator-hangup.ami', 'inbound-queue.ami'], 5, 1.5);
        const rig = await testRig({ schedule: s, speed: 0.5 });
        const a = await rig.spawn();
        await waitFor(() => reading(a.lines) === 1, { what: 'A reads the PBX', timeoutMs: 15_000 });
        const b = await rig.spawn();
        await waitFor(() => b.lines.some((l) => l.includes('daemon started')), { what: 'B has made at least one lease check', timeoutMs: 15_000 });
        await new Promise((r) => setTimeout(r, 2000)); // a few lease rounds on both
        expect(await rig.leaseHolderPid()).toBe(a.pid);
        expect(reading(b.lines)).toBe(0);
        expect(b.lines.some((l) => l.includes('AMI logged in'))).toBe(false);
        expect(rig.replay.loggedInCount).toBe(1); // only the holder is on AMI
        await waitFor(() => rig.tally().delivered >= 1, { what: 'some calls delivered', timeoutMs: 20_000 });
        // a job active at kill -9 is retried only after BullMQ's stalled-job check (lock 30 s): kill between jobs so the
        // test stays fast; bench/chaos.ts kills at any moment and waits longer
        const active = `${rig.leaseKey.split(':lease:')[0] ?? ''}:bull:call-events:active`;
        await waitFor(async () => (await rig.redis.llen(active)) === 0, { what: 'no job in flight', timeoutMs: 10_000 });
        const killedAt = Date.now();
        a.signal('SIGKILL');
        await a.exited;
        await waitFor(() => reading(b.lines) === 1, { what: 'B takes over', timeoutMs: 10_000 });
        const takeoverMs = Date.now() - killedAt;
        expect(takeoverMs).toBeLessThan(8000);
        expect(await rig.leaseHolderPid()).toBe(b.pid);
        await waitFor(() => rig.replay.loggedInCount === 1, { what: 'B logged in to AMI', timeoutMs: 5_000 });
        await rig.replay.finished;
        const tally = await rig.settle(20_000);
        for (const id of tally.lostIds)
            console.log(`lost ${id}\n${await rig.explain(id)}`);
        expect(tally).toMatchObject({ expected: 5, delivered: 5, duplicated: 0, lost: 0, extra: 0 });
        b.signal('SIGTERM');
        expect((await b.exited).code).toBe(0);
    }, 60_000);
});
