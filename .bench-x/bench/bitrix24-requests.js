/**
 * Bitrix24 REST requests per call over the shared Asterisk 22 recordings (fixtures/ami/*.ami and the PJSIP ones in
 * fixtures/ami/pjsip/, whose provider trunk is PJSIP/SIP-TRUNK-…), the daemon's way:
 * AMI events → CallTracker → the BullMQ call-event queue at the recording's own pace (BENCH_SPEED times faster) →
 * the daemon's sync workers with default settings → the Bitrix24 emulator. Each recording runs alone on a fresh
 * portal, twice: from a new number (a contact is created) and from a known client of the first operator rung.
 * Requests are counted after the user directory is loaded (once per daemon, not per call).
 * Targets (issue 11): answered inbound ≤ 3 requests, queue and transfer calls ≤ 4.
 * Run: npx tsx bench/bitrix24-requests.ts   (about 2 min; starts its own redis-server)   BENCH_SPEED=2
 */
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { CallTracker } from '../src/calls/call-tracker.js';
import { loadConfig } from '../src/config/load-config.js';
import { buildCrmSide } from '../src/daemon/crm-side.js';
import { silentLogger } from '../src/log.js';
import { parseFrameText, toAmiEvent } from '../src/pbx/ami-normalize.js';
import { CallEventQueue } from '../src/queue/call-event-queue.js';
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { benchArgs } from '../harness/bench-args.js';
import { startBitrix24Emulator } from '../harness/crm/bitrix24-emulator.js';
import { sleep, waitFor } from '../harness/poll.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
benchArgs(import.meta.url, {});
const SPEED = Number(process.env['BENCH_SPEED'] ?? 2);
const USERS = [{ ID: '5', UF_PHONE_INNER: '201' }, { ID: '6', UF_PHONE_INNER: '202' }, { ID: '7', UF_PHONE_INNER: '203' }];
const KINDS = [
    ['inbound-answered', 'answered inbound'], ['inbound-crm-lookup', 'answered inbound'], ['inbound-operator-hangup', 'answered inbound'],
    ['recorded-call', 'answered inbound'], ['inbound-queue', 'queue'], ['blind-transfer', 'transfer'], ['attended-transfer', 'transfer'],
    ['inbound-missed', 'missed'], ['inbound-missed-timeout', 'missed'], ['inbound-busy', 'missed'], ['outbound', 'outbound'],
    ['pjsip/inbound-answered', 'answered inbound'], ['pjsip/queue-answered', 'queue'], ['pjsip/inbound-missed', 'missed'], ['pjsip/outbound-answered', 'outbound'],
];
const TARGET = { 'answered inbound': 3, queue: 4, transfer: 4 };
/** The call events of one recording, with their times (from the AMI Timestamp headers). */
async function callEvents(file) {
    const text = await readFile(`${amiFixturesDir()}${file}`, 'utf8');
    const body = text.startsWith('# ') ? text.slice(text.indexOf('\n') + 1) : text;
    const tracker = new CallTracker({ defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'], trunkContextPatterns: ['^from-trunk$', '^pstn$'] });
    const out = [];
    let i = 0;
    for (const frameText of body.split(/\r?\n\r?\n/)) {
        if (frameText.trim() === '')
            continue;
        const ev = toAmiEvent(parseFrameText(frameText), 1_700_000_000_000 + 1000 * i++);
        if (ev)
            out.push(...tracker.apply(ev).filter((c) => c.call.direction !== 'internal'));
    }
    return out;
}
function seedClient(emu, events) {
    const call = events[0]?.call;
    const owner = USERS.find((u) => u.UF_PHONE_INNER === (call?.rang[0]?.target ?? call?.callerExtension ?? '201')) ?? USERS[0];
    if (!call?.externalNumber || !owner)
        return;
    emu.state.entities.push({ kind: 'CONTACT', id: emu.state.newId(), fields: { NAME: 'Client', PHONE: [{ VALUE: call.externalNumber, VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: owner.ID } });
}
/** One recording through the daemon's path; the number of REST requests its calls cost. */
async function requestsOf(redisUrl, file, known) {
    const events = await callEvents(file);
    const emu = await startBitrix24Emulator({ users: USERS, processingMs: 20 });
    if (known)
        seedClient(emu, events);
    const config = loadConfig({
        AMI_USERNAME: 'bench', AMI_SECRET: 'bench-secret', API_TOKEN: 'bench-api-token-0123456789', CRM_ADAPTER: 'bitrix24',
        REDIS_URL: redisUrl, REDIS_PREFIX: `req${Date.now()}`, BITRIX24_WEBHOOK_URL: emu.webhookUrl, RECORDINGS_BASE_URL: 'https://pbx.example/recordings/',
    });
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const log = silentLogger();
    const side = buildCrmSide(config, redis, log, { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined }, true);
    const queue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, log });
    try {
        await side.crm.extensionOfUser('5');
        const from = emu.stats.log.length;
        const t0 = Date.now();
        const first = events[0]?.atMs ?? 0;
        for (const ev of events) {
            const due = t0 + (ev.atMs - first) / SPEED;
            if (due > Date.now())
                await sleep(due - Date.now());
            await queue.add([ev]);
        }
        const calls = new Set(events.map((e) => e.call.id)).size;
        await waitFor(async () => { const c = await queue.counts(); return c.waiting + c.active + c.delayed === 0; }, { what: `${file} synced`, timeoutMs: 60_000 });
        const sent = emu.stats.log.slice(from);
        return { calls, requests: sent.length, shape: sent.map((r) => r.methods.map((m) => m.replace(/^telephony\.externalcall\./, '')).join('+')).join(' | ') };
    }
    finally {
        await side.workers?.close();
        await queue.close();
        await side.crm.close();
        redis.disconnect();
        await emu.close();
    }
}
async function main() {
    const redisServer = await startPrivateRedis();
    const perKind = new Map();
    try {
        console.log(`bitrix24 requests per call over the Asterisk 22 recordings, daemon path, default settings, ${SPEED}× speed`);
        console.log('| recording | kind | caller | requests/call | requests |');
        console.log('|---|---|---|---|---|');
        for (const [name, kind] of KINDS) {
            for (const known of [false, true]) {
                const r = await requestsOf(redisServer.url, `${name}.ami`, known);
                const perCall = r.requests / Math.max(1, r.calls);
                perKind.set(kind, [...(perKind.get(kind) ?? []), perCall]);
                console.log(`| ${name} | ${kind} | ${known ? 'known' : 'new'} | ${perCall.toFixed(2)} | ${r.shape} |`);
            }
        }
        for (const [kind, values] of perKind) {
            const mean = values.reduce((a, b) => a + b, 0) / values.length;
            const target = TARGET[kind];
            const verdict = target === undefined ? '' : ` (target ≤ ${target}: ${Math.max(...values) <= target ? 'met' : 'MISSED'})`;
            console.log(`${kind}: mean ${mean.toFixed(2)}, max ${Math.max(...values).toFixed(2)} requests per call${verdict}`);
        }
    }
    finally {
        await redisServer.stop();
    }
}
await main();
