/**
 * The faults of `npm run chaos`, one phase each: a fresh rig (own Redis with an append-only file, replay server,
 * emulator), a stream of calls, one fault injected while they flow, then the tally. Calls that started and ended
 * while no daemon read the PBX (AMI cut, or no reader during a restart/failover) and that no daemon ever saw ring
 * (nothing registered in the CRM) are counted as `invisible`: AMI has no history to recover them from (only CDR/CEL
 * would have them), so they are reported apart from `lost`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil, sleep } from '../harness/poll.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
import { startChaosRig } from '../harness/chaos/chaos-rig.js';
const READING = '"msg":"reading the PBX"';
const until = (check, timeoutMs) => pollUntil(check, { timeoutMs });
const readCount = (d) => d.lines.filter((l) => l.includes(READING)).length;
/** Waits until `d` reads the PBX (one more 'reading the PBX' than `before`); returns the replay position then. */
async function readerUp(ctx, d, before) {
    if (!(await until(() => readCount(d) > before, 30_000)))
        ctx.notes.push('reader did not come back in 30 s');
    return ctx.rig.replay.position;
}
/** Waits for `fraction` of the replay to be played (so a fault hits calls in flight). */
const atFraction = (ctx, fraction, frames) => until(() => ctx.rig.replay.position >= frames * fraction, 600_000);
export function phases(s, frames) {
    return [
        { name: 'none (baseline)', run: async () => { } },
        { name: 'kill -9 + restart (x2)', run: async (ctx) => {
                for (const f of [0.3, 0.6]) {
                    await atFraction(ctx, f, frames);
                    const d = ctx.rig.daemons.at(-1);
                    if (!d)
                        return;
                    const from = ctx.rig.replay.position;
                    d.signal('SIGKILL');
                    await d.exited;
                    const next = await ctx.rig.spawn();
                    ctx.dark.push([from, await readerUp(ctx, next, 0)]);
                }
            } },
        { name: 'two instances, kill -9 holder', run: async (ctx) => {
                const a = ctx.rig.daemons[0];
                if (a)
                    await readerUp(ctx, a, 0);
                const b = await ctx.rig.spawn();
                await atFraction(ctx, 0.4, frames);
                if (!a)
                    return;
                const t0 = Date.now();
                const from = ctx.rig.replay.position;
                a.signal('SIGKILL');
                ctx.dark.push([from, await readerUp(ctx, b, 0)]);
                ctx.notes.push(`takeover ${((Date.now() - t0) / 1000).toFixed(1)} s`);
            } },
        { name: 'SIGTERM + restart', run: async (ctx) => {
                await atFraction(ctx, 0.4, frames);
                const d = ctx.rig.daemons[0];
                if (!d)
                    return;
                const from = ctx.rig.replay.position;
                const t0 = Date.now();
                d.signal('SIGTERM');
                const exit = await d.exited;
                ctx.notes.push(`exit ${exit.code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
                ctx.dark.push([from, await readerUp(ctx, await ctx.rig.spawn(), 0)]);
            } },
        { name: `AMI link cut ${s.amiDropSec} s`, run: async (ctx) => {
                await atFraction(ctx, 0.25, frames);
                const from = ctx.rig.replay.position;
                ctx.rig.amiProxy.cut();
                await sleep(s.amiDropSec * 1000);
                ctx.rig.amiProxy.restore();
                await until(() => ctx.rig.replay.loggedInCount > 0, 30_000);
                ctx.dark.push([from, ctx.rig.replay.position]);
            } },
        { name: `Redis restart (down ${s.redisDownSec} s)`, run: async () => { } }, // run by runPhase: it owns the Redis
        { name: `CRM down ${s.crmDownSec} s (5xx+timeouts)`, run: async (ctx) => {
                await atFraction(ctx, 0.2, frames);
                ctx.rig.crmProxy.mode = 'down';
                await sleep(s.crmDownSec * 1000);
                await noteBacklog(ctx);
                ctx.rig.crmProxy.mode = 'pass';
            } },
        { name: `QUERY_LIMIT_EXCEEDED storm ${s.limitStormSec} s`, run: async (ctx) => {
                await atFraction(ctx, 0.2, frames);
                // every request answered 503 QUERY_LIMIT_EXCEEDED (on top of the emulator's own leaky bucket) for the storm
                ctx.rig.emu.failNext('*', { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' }, Number.MAX_SAFE_INTEGER);
                await sleep(s.limitStormSec * 1000);
                await noteBacklog(ctx);
                ctx.rig.emu.failNext('*', { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' }, 0);
            } },
    ];
}
/** Records what /ready and /metrics say about the backlog at the height of a fault. */
async function noteBacklog(ctx) {
    const d = ctx.rig.daemons.at(-1);
    const ready = await d?.get('/ready');
    const metrics = await d?.get('/metrics');
    const depth = ready ? JSON.parse(ready.body).queueDepth : undefined;
    const jobs = (metrics?.body ?? '').split('\n').filter((l) => l.startsWith('pcb_queue_jobs{')).map((l) => l.replace('pcb_queue_jobs', '')).join(' ');
    ctx.notes.push(`/ready queueDepth=${depth ?? '?'}; pcb_queue_jobs ${jobs || '?'}`);
}
export async function runPhase(phase, schedule, s, index) {
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-redis-'));
    const redis = await startPrivateRedis(undefined, { appendOnlyDir: dir });
    const rig = await startChaosRig({
        schedule, redisUrl: redis.url, prefix: `chaos${index}`, speed: s.speed,
        ...(s.logDir ? { logFile: join(s.logDir, `phase-${index}.log`) } : {}),
    });
    const ctx = { rig, settings: s, dark: [], notes: [] };
    try {
        await rig.spawn();
        if (phase.name.startsWith('Redis restart')) {
            await atFraction(ctx, 0.3, schedule.frameCount);
            await redis.restart(s.redisDownSec * 1000);
        }
        else {
            await phase.run(ctx);
        }
        await rig.replay.finished;
        const tally = await rig.settle(s.settleSec * 1000, 3000);
        if (process.env['CHAOS_EXPLAIN']) {
            for (const id of tally.lostIds.slice(0, 3))
                process.stdout.write(`chaos: ${phase.name}: lost ${id}\n${await rig.explain(id)}\n`);
        }
        // never registered, and over before anyone could see it again: its ring (if any) fell where no daemon read
        const registered = new Set(rig.emu.state.registered().map((c) => String(c.params['EXTERNAL_CALL_ID'] ?? '')));
        const invisible = tally.lostIds.filter((id) => {
            const w = schedule.windows.get(id);
            return w !== undefined && !registered.has(id) && ctx.dark.some(([a, b]) => w.lastFrame >= a && w.lastFrame < b);
        });
        return {
            ...tally, lost: tally.lost - invisible.length, invisible: invisible.length, fault: phase.name,
            notes: ctx.notes.join('; '), seconds: Math.round((Date.now() - started) / 1000),
        };
    }
    finally {
        await rig.close();
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}
