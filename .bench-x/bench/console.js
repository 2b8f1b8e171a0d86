/**
 * bench/console: the operator console under load. A real daemon (child process, as production runs it) reads a TCP AMI
 * server that plays copies of the PJSIP recording `inbound-answered` (each rings one operator, is answered 2 s later,
 * then hangs up) at --rate ringing calls per second.
 *  1. --pages pages open (the first --browsers of them real Chromium pages, the rest Node EventSource clients), one per
 *     operator, calls ringing them in turn for --seconds: ring frame written to AMI → card drawn in the page (Chromium:
 *     after the DOM change) or received (Node). Prints p50/p99/max and any card that never came.
 *     The ring → card time is split at the card's entry in the Redis stream (its id is Redis's clock, the same machine's):
 *     ring → stream (AMI read, tracker, the state write's MULTI) and stream → card (the hub's XREAD, the page's feed,
 *     the SSE write, the page), the second for Chromium and Node pages apart.
 *  2. --memory-pages pages open (one per operator) with the same traffic for --memory-seconds: the daemon's peak RSS
 *     against its idle figure (same traffic, no page open).
 * --cpu-prof DIR: the daemon child writes a V8 CPU profile into DIR when it stops.
 * Run: npx tsx bench/console.ts [--pages 50] [--browsers 5] [--rate 50] [--seconds 20] [--memory-pages 500] [--memory-seconds 10] [--cpu-prof DIR]
 * Targets (issue 13): p99 ≤ 150 ms; RSS with 500 pages ≤ idle + 100 MB.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ConsoleSessions } from '../src/console/console-sessions.js';
import { hashPassword } from '../src/console/console-users.js';
import { startAmiReplayServer } from '../harness/ami/ami-replay-server.js';
import { freePort, startPrivateRedis } from '../harness/redis/private-redis.js';
import { benchArgs } from '../harness/bench-args.js';
import { benchCall, loadCallTemplate } from '../harness/console/console-frames.js';
import { chromiumPage, launchBenchChromium, nodePage } from '../harness/console/console-pages.js';
const v = benchArgs(import.meta.url, {
    pages: { type: 'string', default: '50' }, browsers: { type: 'string', default: '5' }, rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' }, 'memory-pages': { type: 'string', default: '500' }, 'memory-seconds': { type: 'string', default: '10' },
    'cpu-prof': { type: 'string' },
});
const PAGES = Number(v.pages);
const BROWSERS = Math.min(Number(v.browsers), PAGES);
const RATE = Number(v.rate);
const SECONDS = Number(v.seconds);
const MEMORY_PAGES = Number(v['memory-pages']);
const MEMORY_SECONDS = Number(v['memory-seconds']);
const PREFIX = 'benchconsole';
const AMI = { username: 'bench', secret: 'bench-ami-secret' };
const HERE = fileURLToPath(new URL('.', import.meta.url));
const COMPILED = import.meta.url.endsWith('.js');
const ext = (i) => String(201 + i);
function rssMb(pid) {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) / 1024;
}
function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
function spread(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50)} p99 ${percentile(sorted, 99)} max ${sorted.at(-1) ?? 0} ms`;
}
/** The time (its id's milliseconds, Redis's clock) of each call's first ringing card in the stream. */
async function ringEntryMs(redis, calls) {
    const out = new Map();
    const rows = (await redis.xrange(`${PREFIX}:console:events`, '-', '+'));
    for (const [id, fields] of rows) {
        const card = JSON.parse(fields[fields.indexOf('card') + 1] ?? '{}');
        if (card.callId && card.stage === 'ringing' && calls.has(card.callId) && !out.has(card.callId))
            out.set(card.callId, Number(id.split('-')[0]));
    }
    return out;
}
/** Ring → stream entry, and stream entry → card by page kind. */
async function split(redis, rangAt, seen, inChromium) {
    const entryMs = await ringEntryMs(redis, rangAt);
    const ingest = [];
    const deliver = { chromium: [], node: [] };
    for (const [callId, at] of rangAt) {
        const entry = entryMs.get(callId);
        const card = seen.get(callId);
        if (entry === undefined)
            continue;
        ingest.push(entry - at);
        if (card !== undefined)
            deliver[inChromium.has(callId) ? 'chromium' : 'node'].push(card - entry);
    }
    return `ring → stream ${spread(ingest)}; stream → card: Chromium ${spread(deliver.chromium)}, Node ${spread(deliver.node)}`;
}
async function usersFile(count) {
    const hash = await hashPassword('bench-password'); // one hash for all: sessions are made directly, nobody signs in
    const users = Array.from({ length: count }, (_, i) => ({ extension: ext(i), name: `Operator ${ext(i)}`, role: 'operator', passwordHash: hash }));
    const path = join(mkdtempSync(join(tmpdir(), 'pcb-bench-console-')), 'users.json');
    writeFileSync(path, JSON.stringify({ users }));
    return path;
}
function startDaemonProcess(env) {
    const root = join(HERE, '..');
    if (COMPILED && !existsSync(join(root, 'src', 'console', 'assets')))
        cpSync(join(root, '..', 'src', 'console', 'assets'), join(root, 'src', 'console', 'assets'), { recursive: true });
    const flags = ['--max-semi-space-size=8', '--max-old-space-size=256', ...(v['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${v['cpu-prof']}`] : [])];
    const args = COMPILED ? [...flags, join(root, 'src', 'main.js')] : [...flags, '--import', 'tsx', join(root, 'src', 'main.ts')];
    return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}
async function waitFor(what, check, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}
async function traffic(pbx, template, state, targets, seconds) {
    const rangAt = new Map();
    const total = Math.round(RATE * seconds);
    const startMs = Date.now();
    for (let i = 0; i < total;) {
        const due = Math.min(total, Math.floor(((Date.now() - startMs) / 1000) * RATE) + 1);
        for (; i < due; i += 1) {
            state.copy = (state.copy % 4000) + 1;
            const call = benchCall(template, state.copy, ext(i % targets));
            pbx.injectRaw(call.ring);
            rangAt.set(call.callId, Date.now());
            setTimeout(() => pbx.injectRaw(call.rest), 2000);
        }
        await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 2500)); // every call's rest has gone out
    return rangAt;
}
async function main() {
    const redisServer = await startPrivateRedis();
    const [amiPort, httpPort] = [await freePort(), await freePort()];
    const pbx = await startAmiReplayServer({ ...AMI, port: amiPort, transcripts: [] });
    const daemon = startDaemonProcess({
        AMI_HOST: '127.0.0.1', AMI_PORT: String(amiPort), AMI_USERNAME: AMI.username, AMI_SECRET: AMI.secret, REDIS_URL: redisServer.url,
        REDIS_PREFIX: PREFIX, API_TOKEN: 'bench-api-token-0123456789abcdef', CRM_ADAPTER: 'local', LOG_LEVEL: 'warn', HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(httpPort), HTTP_MAX_CONNECTIONS: '2000', TRUNK_CONTEXT_PATTERNS: '-incoming$',
        CONSOLE_USERS_FILE: await usersFile(Math.max(PAGES, MEMORY_PAGES)),
    });
    const base = `http://127.0.0.1:${httpPort}`;
    const redis = new Redis(redisServer.url);
    const sessions = new ConsoleSessions(redis, PREFIX, 3600_000);
    const session = async (i) => (await sessions.create({ extension: ext(i), name: `Operator ${ext(i)}`, role: 'operator' })).id;
    const pages = [];
    let browser = null;
    try {
        await waitFor('the daemon to read AMI', () => pbx.loggedInCount > 0);
        const template = await loadCallTemplate();
        const state = { copy: 0 };
        await traffic(pbx, template, state, MEMORY_PAGES, 3); // warm-up, no page open
        const idleMb = rssMb(daemon.pid ?? 0);
        // 1. latency
        const seen = new Map();
        const inChromium = new Set();
        const onRing = (callId, atMs) => { if (!seen.has(callId))
            seen.set(callId, atMs); };
        const onChromiumRing = (callId, atMs) => { inChromium.add(callId); onRing(callId, atMs); };
        browser = BROWSERS > 0 ? await launchBenchChromium() : null;
        for (let i = 0; i < PAGES; i += 1) {
            const id = await session(i);
            pages.push(browser && i < BROWSERS ? await chromiumPage(browser, base, id, onChromiumRing) : nodePage(base, `pcb_console=${id}`, onRing));
        }
        await Promise.all(pages.map((p) => p.ready));
        const rangAt = await traffic(pbx, template, state, PAGES, SECONDS);
        const latencies = [...rangAt].flatMap(([callId, at]) => (seen.has(callId) ? [(seen.get(callId) ?? at) - at] : [])).sort((a, b) => a - b);
        const missing = rangAt.size - latencies.length;
        const p50 = percentile(latencies, 50);
        const p99 = percentile(latencies, 99);
        console.log(`latency: ${PAGES} pages (${BROWSERS} Chromium), ${RATE} ringing calls/s for ${SECONDS} s: ${rangAt.size} calls, p50 ${p50} ms, p99 ${p99} ms, max ${latencies.at(-1) ?? 0} ms, cards never seen ${missing}`);
        console.log(`split: ${await split(redis, rangAt, seen, inChromium)}`);
        // 2. memory
        for (let i = PAGES; i < MEMORY_PAGES; i += 1)
            pages.push(nodePage(base, `pcb_console=${await session(i)}`, () => undefined));
        await Promise.all(pages.map((p) => p.ready));
        let peakMb = rssMb(daemon.pid ?? 0);
        const sampler = setInterval(() => { peakMb = Math.max(peakMb, rssMb(daemon.pid ?? 0)); }, 200);
        await traffic(pbx, template, state, MEMORY_PAGES, MEMORY_SECONDS);
        clearInterval(sampler);
        console.log(`memory: daemon RSS idle ${idleMb.toFixed(1)} MB (same traffic, no page); with ${pages.length} pages open peak ${peakMb.toFixed(1)} MB (+${(peakMb - idleMb).toFixed(1)} MB)`);
        console.log(`targets (issue 13): ${p99 <= 150 && missing === 0 ? 'PASS' : 'MISS'} ring → card p99 ${p99} ms ≤ 150 ms, none missing; ${peakMb - idleMb <= 100 ? 'PASS' : 'MISS'} RSS +${(peakMb - idleMb).toFixed(1)} MB ≤ 100 MB`);
    }
    finally {
        await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
        await browser?.close();
        daemon.kill('SIGTERM');
        await new Promise((r) => daemon.once('exit', r));
        redis.disconnect();
        await pbx.close();
        await redisServer.stop();
    }
}
await main();
