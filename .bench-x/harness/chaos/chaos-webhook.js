/**
 * The acceptance fault schedule through the signed webhook (CRM_ADAPTER=webhook, the reference receiver behind the
 * fault proxy), all in one run while calls flow: kill -9 of the daemon, Redis kill -9 (append-only file, restarted),
 * an AMI link cut, kill -9 of the daemon again, then the CRM answering 5xx for `crmDownSec`. Then every call must be
 * delivered once per stage with its real outcome (chaos-webhook-tally.ts). Calls that began and ended while no daemon
 * read AMI and were never registered are `invisible` (AMI keeps no history), reported apart from lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis } from '../redis/private-redis.js';
import { startChaosRig } from './chaos-rig.js';
import { begunUnseen, countWebhookDeliveries, handoverUnseen, neverRegistered } from './chaos-webhook-tally.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const READING = '"msg":"reading the PBX"';
async function until(check, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() >= deadline)
            return false;
        await sleep(25);
    }
    return true;
}
const note = (run, what) => run.faults.push(`${((Date.now() - run.startedAt) / 1000).toFixed(1)} s ${what}`);
const atFraction = (run, f) => until(() => run.rig.replay.position >= run.schedule.frameCount * f, 600_000);
async function readerUp(run, d) {
    if (!(await until(() => d.lines.some((l) => l.includes(READING)), 30_000)))
        note(run, 'reader did not come back in 30 s');
    return run.rig.replay.position;
}
async function killDaemon(run) {
    const d = run.rig.daemons.at(-1);
    if (!d)
        return;
    const from = run.rig.replay.position;
    d.signal('SIGKILL');
    await d.exited;
    note(run, 'daemon kill -9');
    const next = await run.rig.spawn();
    run.dark.push([from, await readerUp(run, next)]);
    note(run, 'new daemon reads the PBX');
}
async function cutAmi(run, seconds) {
    const d = run.rig.daemons.at(-1);
    const linesBefore = d?.lines.length ?? 0;
    const from = run.rig.replay.position;
    run.rig.amiProxy.cut();
    note(run, `AMI cut ${seconds} s`);
    await sleep(seconds * 1000);
    run.rig.amiProxy.restore();
    if (d && !(await d.waitForLog('resynced with the PBX', 30_000, linesBefore)))
        note(run, 'no resync within 30 s of the AMI coming back');
    run.dark.push([from, run.rig.replay.position]);
    note(run, 'AMI back and resynced');
}
/** Redis kill -9 and restart; when the reader lost its lease meanwhile (it says 'reading the PBX' again), that was dark too. */
async function redisCrash(run, crash) {
    const d = run.rig.daemons.at(-1);
    const reads = d?.lines.filter((l) => l.includes(READING)).length ?? 0;
    const from = run.rig.replay.position;
    await crash();
    await sleep(3000);
    if (d && d.lines.filter((l) => l.includes(READING)).length > reads)
        run.dark.push([from, run.rig.replay.position]);
}
export async function runWebhookChaos(schedule, s, prefix = 'chaos-webhook') {
    const startedAt = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-webhook-'));
    const redis = await startPrivateRedis(undefined, { appendOnlyDir: dir });
    const rig = await startChaosRig({
        schedule, redisUrl: redis.url, prefix, speed: s.speed, crm: 'webhook',
        ...(s.daemonEnv ? { daemonEnv: s.daemonEnv } : {}), ...(s.logFile ? { logFile: s.logFile } : {}),
    });
    const run = { rig, schedule, startedAt, dark: [], faults: [] };
    try {
        await readerUp(run, await rig.spawn());
        await atFraction(run, 0.12);
        await killDaemon(run);
        await atFraction(run, 0.3);
        await redisCrash(run, () => redis.restart(s.redisDownSec * 1000, 'SIGKILL'));
        note(run, `Redis kill -9, back after ${s.redisDownSec} s`);
        await atFraction(run, 0.42);
        await cutAmi(run, s.amiCutSec);
        await atFraction(run, 0.58);
        await killDaemon(run);
        await atFraction(run, 0.66);
        rig.crmProxy.mode = '5xx';
        note(run, `CRM answers 5xx for ${s.crmDownSec} s`);
        await sleep(s.crmDownSec * 1000);
        rig.crmProxy.mode = 'pass';
        note(run, `CRM back (${rig.crmProxy.faulted} requests failed)`);
        await rig.replay.finished;
        note(run, 'replay over');
        const receiver = rig.webhook;
        if (!receiver)
            throw new Error('the rig has no webhook receiver');
        const tally = () => countWebhookDeliveries(schedule, receiver.deliveries, begunUnseen(schedule, run.dark), handoverUnseen(schedule, run.dark));
        const settled = () => tally().lostIds.every((id) => neverRegistered(schedule, run.dark, receiver.deliveries, id));
        await until(settled, s.settleSec * 1000);
        await sleep(2000); // a late duplicate would show up now
        note(run, 'settled');
        return withInvisible(run, tally());
    }
    finally {
        await rig.close();
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}
function withInvisible(run, t) {
    const invisible = t.lostIds.filter((id) => neverRegistered(run.schedule, run.dark, run.rig.webhook?.deliveries ?? [], id));
    return {
        ...t, lost: t.lost - invisible.length, lostIds: t.lostIds.filter((id) => !invisible.includes(id)), invisible: invisible.length,
        missing: t.missing.filter((m) => !invisible.some((id) => m.startsWith(`${id} `))),
        faults: run.faults, seconds: Math.round((Date.now() - run.startedAt) / 1000),
    };
}
