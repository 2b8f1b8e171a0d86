/**
 * Bitrix24 through the daemon's real path with default settings: call stages go on the BullMQ call-event queue
 * (CallEventQueue, as the ingest puts them) and the daemon's sync workers (daemon/crm-side.ts: buildCrmSide, default
 * WORKER_CONCURRENCY) apply them through CallSync and the Bitrix24 adapter to the emulator, which enforces the portal's
 * real limits (leaky bucket 2 requests/s, burst 50, 503 QUERY_LIMIT_EXCEEDED; 50 commands per batch; 100 ms per request).
 * Each phase is one load; after it the bench waits for the queue to drain and reads what the portal saw:
 * card p95 (call start → telephony.externalcall.register reaches the portal), finish delay after hang-up (p95, max),
 * lost (never registered or never finished), duplicated registrations, cards shown after hang-up, backlog (max jobs
 * waiting) and drain time after the load ended, requests per call and commands per batch.
 * Calls: answered inbound; every 4th rings two operators (a queue), every 5th caller is a new number (a contact is created).
 * Run: npx tsx bench/bitrix24.ts   (about 9 min; starts its own redis-server)
 *   BENCH_PHASES=target,over  BENCH_TARGET_SEC=300  BENCH_OVER_SEC=120  BENCH_RING_MS=3000  BENCH_TALK_MS=20000
 */
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load-config.js';
import { silentLogger } from '../src/log.js';
import { CallEventQueue } from '../src/queue/call-event-queue.js';
import { buildCrmSide } from '../src/daemon/crm-side.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
import { startBitrix24Emulator } from '../harness/crm/bitrix24-emulator.js';
import { benchArgs } from '../harness/bench-args.js';
import { sleep } from '../harness/poll.js';
import { EXTENSIONS, answeredCallEvents, percentile, playCall, portalView, seedContact, userOf } from './bitrix24-load.js';
benchArgs(import.meta.url, {}); // settings are environment variables; --help prints them
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const PHASES = [
    { name: 'target', callsPerMin: 600, seconds: env('BENCH_TARGET_SEC', 300) },
    { name: 'over', callsPerMin: 900, seconds: env('BENCH_OVER_SEC', 120) },
];
const TIMES = { ringMs: env('BENCH_RING_MS', 3000), talkMs: env('BENCH_TALK_MS', 20_000) };
const SERVER_MS = env('BENCH_SERVER_MS', 100);
const DRAIN_LIMIT_MS = 180_000;
const ONLY = process.env['BENCH_PHASES']?.split(',');
async function queueDepth(queue) {
    const c = await queue.counts();
    return c.waiting + c.active + c.delayed;
}
/** Samples the backlog every 500 ms until the load is over and the queue is empty (or DRAIN_LIMIT_MS passed). */
async function watchBacklog(queue, loadOver) {
    const b = { max: 0, drainedAtMs: null };
    for (;;) {
        const depth = await queueDepth(queue);
        b.max = Math.max(b.max, depth);
        const over = loadOver();
        if (over !== null && depth === 0) {
            b.drainedAtMs = Date.now();
            return b;
        }
        if (over !== null && Date.now() - over > DRAIN_LIMIT_MS)
            return b;
        await sleep(500);
    }
}
async function runPhase(queue, emu, phase, first) {
    const before = { requests: emu.stats.requests, commands: emu.stats.commands, rejected: emu.stats.rejected, log: emu.stats.log.length };
    const total = Math.round((phase.callsPerMin / 60) * phase.seconds);
    const gapMs = 60_000 / phase.callsPerMin;
    const sent = [];
    const playing = [];
    let loadOverAtMs = null;
    const backlog = watchBacklog(queue, () => loadOverAtMs);
    const t0 = Date.now();
    for (let i = 0; i < total; i++) {
        const due = t0 + i * gapMs;
        if (due > Date.now())
            await sleep(due - Date.now());
        const n = first + i;
        const ext = EXTENSIONS[n % EXTENSIONS.length] ?? '201';
        const rang = n % 4 === 3 ? [ext, EXTENSIONS[(n + 7) % EXTENSIONS.length] ?? '202'] : [ext];
        const phone = `+7495${String(2_000_000 + n)}`;
        if (n % 5 !== 4)
            seedContact(emu, phone, ext);
        const call = { id: `${1_795_400_000 + n}.${n}`, startedAtMs: Date.now(), endedAtMs: null };
        sent.push(call);
        playing.push(playCall(queue, answeredCallEvents(call.id, phone, rang, call.startedAtMs, TIMES), call));
    }
    await Promise.all(playing);
    loadOverAtMs = Date.now();
    const b = await backlog;
    const view = portalView(emu, sent);
    const cards = [...view.cardMs].sort((a, x) => a - x);
    const finishes = [...view.finishMs].sort((a, x) => a - x);
    const requests = emu.stats.requests - before.requests;
    const commands = emu.stats.commands - before.commands;
    const batches = emu.stats.log.slice(before.log).map((r) => r.methods.length);
    const drained = b.drainedAtMs === null ? `> ${DRAIN_LIMIT_MS / 1000} s` : `${((b.drainedAtMs - loadOverAtMs) / 1000).toFixed(1)} s`;
    return [`| ${phase.name} | ${phase.callsPerMin} | ${phase.seconds} s | ${total}`, `${percentile(cards, 50)} ms`, `${percentile(cards, 95)} ms`,
        `${(percentile(finishes, 95) / 1000).toFixed(1)} s`, `${((finishes.at(-1) ?? 0) / 1000).toFixed(1)} s`, String(view.lost), String(view.duplicated),
        String(view.staleCards), String(b.max), drained, (requests / Math.max(1, total)).toFixed(2), (commands / Math.max(1, requests)).toFixed(1),
        String(Math.max(0, ...batches)), `${emu.stats.rejected - before.rejected} |`].join(' | ');
}
async function main() {
    const redisServer = await startPrivateRedis();
    const emu = await startBitrix24Emulator({ users: EXTENSIONS.map((e) => ({ ID: userOf(e), UF_PHONE_INNER: e })), processingMs: SERVER_MS });
    const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    const producer = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    const config = loadConfig({
        AMI_USERNAME: 'bench', AMI_SECRET: 'bench-secret', API_TOKEN: 'bench-api-token-0123456789', CRM_ADAPTER: 'bitrix24',
        REDIS_URL: redisServer.url, BITRIX24_WEBHOOK_URL: emu.webhookUrl,
    });
    const log = silentLogger();
    const side = buildCrmSide(config, redis, log, { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined }, true);
    const queue = new CallEventQueue(producer, { prefix: config.redis.prefix, attempts: config.queue.attempts, log });
    try {
        await side.crm.extensionOfUser('10'); // the user directory is loaded once at start
        console.log(`bitrix24 bench, the daemon's path with default settings (WORKER_CONCURRENCY=${config.queue.concurrency}, CRM_CREATE=${config.sync.create}): `
            + `portal 2 req/s burst 50, ${SERVER_MS} ms/request; ring ${TIMES.ringMs} ms, talk ${TIMES.talkMs} ms`);
        console.log('| phase | calls/min | load | calls | card p50 | card p95 | finish p95 | finish max | lost | duplicated | stale cards | backlog max | drained | requests/call | commands/batch | max batch | 503s |');
        console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
        let first = 0;
        for (const phase of PHASES.filter((p) => !ONLY || ONLY.includes(p.name))) {
            console.log(await runPhase(queue, emu, phase, first));
            first += Math.round((phase.callsPerMin / 60) * phase.seconds);
            await sleep(26_000); // the portal's bucket drains before the next phase
        }
        console.log(`stats: ${JSON.stringify(side.workers?.stats())}`);
    }
    finally {
        await side.workers?.close();
        await queue.close();
        await side.crm.close();
        redis.disconnect();
        producer.disconnect();
        await emu.close();
        await redisServer.stop();
    }
}
await main();
