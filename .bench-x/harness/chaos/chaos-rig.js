/**
 * Everything a process-level chaos check needs around real daemon processes: the AMI replay server behind a
 * cuttable TCP proxy, the Bitrix24 emulator behind a fault proxy, a Redis URL, and the tally that compares what
 * the emulator holds with the calls the schedule sent.
 */
import { Redis } from 'ioredis';
import { statusCode } from '../../src/crm/bitrix24/call-mapping.js';
import { startAmiReplayServer } from '../ami/ami-replay-server.js';
import { CallJournal } from '../../src/journal/call-journal.js';
import { freePort } from '../redis/private-redis.js';
import { startBitrix24Emulator } from '../crm/bitrix24-emulator.js';
import { pollUntil, sleep } from '../poll.js';
import { startWebhookReceiver } from '../crm/webhook-receiver.js';
import { startCrmProxy } from './chaos-crm-proxy.js';
import { spawnDaemon } from './chaos-daemon.js';
import { startTcpProxy } from './chaos-tcp-proxy.js';
export const AMI_USER = 'chaos';
export const AMI_SECRET = 'chaos-ami-secret-77';
export const API_TOKEN = 'chaos-api-token-0123456789';
const WEBHOOK = { userId: '1', secret: 'chaoshooksecret42' };
/** Signing secret of the webhook variant (CRM_ADAPTER=webhook against the reference receiver). */
const WEBHOOK_SECRET = 'chaos-webhook-signing-secret-0123';
/** The operators of the shared transcripts as Bitrix24 users. */
export const CHAOS_USERS = [
    { ID: '5', UF_PHONE_INNER: '201', NAME: 'Anna', LAST_NAME: 'Operator' },
    { ID: '6', UF_PHONE_INNER: '202', NAME: 'Boris', LAST_NAME: 'Operator' },
    { ID: '7', UF_PHONE_INNER: '203', NAME: 'Vera', LAST_NAME: 'Operator' },
];
/** Tracker settings of the top-level transcripts (same as `npm run demo`). */
export const CHAOS_TRACKER = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'] };
export async function startChaosRig(opts) {
    const emu = await startBitrix24Emulator({ users: CHAOS_USERS, webhook: WEBHOOK, ...opts.emulator });
    const webhook = opts.crm === 'webhook' ? await startWebhookReceiver({ secret: WEBHOOK_SECRET }) : null;
    const crmProxy = await startCrmProxy(webhook ? new URL(webhook.url).origin : emu.url);
    const crmEnv = webhook
        ? { CRM_ADAPTER: 'webhook', WEBHOOK_URL: `${crmProxy.url}${new URL(webhook.url).pathname}`, WEBHOOK_SECRET, WEBHOOK_TIMEOUT_MS: '2000' }
        : {};
    const replay = await startAmiReplayServer({
        username: AMI_USER, secret: AMI_SECRET, transcripts: [opts.schedule.source], speed: opts.speed, loop: false,
    });
    const amiProxy = await startTcpProxy(replay.port);
    const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    const daemons = [];
    const env = (extra = {}) => ({
        AMI_HOST: '127.0.0.1', AMI_PORT: String(amiProxy.port), AMI_USERNAME: AMI_USER, AMI_SECRET,
        AMI_RECONNECT_MAX_MS: '2000', REDIS_URL: opts.redisUrl, REDIS_PREFIX: opts.prefix, API_TOKEN, LOG_LEVEL: 'info',
        DEFAULT_COUNTRY: 'RU', TRUNK_CONTEXT_PATTERNS: CHAOS_TRACKER.trunkContextPatterns.join(','), CRM_ADAPTER: 'bitrix24',
        BITRIX24_WEBHOOK_URL: `${crmProxy.url}/rest/${WEBHOOK.userId}/${WEBHOOK.secret}/`, BITRIX24_BATCH_WINDOW_MS: '20',
        BITRIX24_REQUEST_TIMEOUT_MS: '2000', BITRIX24_RECORDING_MODE: 'url', RECORDINGS_BASE_URL: 'http://127.0.0.1:9/recordings/',
        BITRIX24_DEFAULT_USER_ID: '5', ...crmEnv, ...opts.daemonEnv, ...extra,
    });
    const leaseKey = `${opts.prefix}:lease:ami:127.0.0.1:${amiProxy.port}`;
    const unobserved = new Map();
    const journal = new CallJournal(redis, opts.prefix);
    const readUnobserved = async () => {
        for (const id of opts.schedule.expected.keys()) {
            const record = await journal.get(id).catch(() => null);
            if (record?.endedUnobserved === true)
                unobserved.set(id, 'end');
            else if (record?.answerUnobserved === true)
                unobserved.set(id, 'answer');
        }
    };
    const tally = () => countDeliveries(opts.schedule, emu, unobserved);
    return {
        replay, amiProxy, crmProxy, emu, webhook, redis, leaseKey, daemons, env,
        spawn: async (extra) => {
            const d = spawnDaemon({ env: env(extra), httpPort: await freePort(), ...(opts.logFile ? { logFile: opts.logFile } : {}) });
            daemons.push(d);
            return d;
        },
        leaseHolderPid: async () => {
            const holder = await redis.get(leaseKey);
            const pid = holder?.split('-').at(-2);
            return pid === undefined ? null : Number(pid);
        },
        tally,
        readUnobserved,
        explain: async (callId) => {
            const base = `${opts.prefix}:bull:call-events:`;
            const keys = (await redis.keys(`${base}${callId}-*`)).filter((k) => /-\d+$/.test(k)).sort();
            const jobs = await Promise.all(keys.map(async (k) => {
                const h = await redis.hgetall(k);
                const state = await Promise.all(['completed', 'failed', 'delayed', 'active', 'wait'].map(async (st) => {
                    const member = k.slice(base.length);
                    const hit = st === 'active' || st === 'wait' ? (await redis.lpos(`${base}${st}`, member)) !== null : (await redis.zscore(`${base}${st}`, member)) !== null;
                    return hit ? st : '';
                }));
                return `${k.slice(base.length)} ${h['name'] ?? '?'} state=${state.join('') || 'unknown'} atm=${h['atm'] ?? 0} ${h['failedReason'] ?? ''}`;
            }));
            return [`order=${await redis.get(`${opts.prefix}:order:${callId}`)}`, ...jobs].join('\n');
        },
        settle: async (timeoutMs, quietMs = 1500) => {
            await pollUntil(() => tally().lost === 0, { timeoutMs, intervalMs: 200 });
            await sleep(quietMs); // late duplicates would show up now
            await readUnobserved();
            return tally();
        },
        close: async () => {
            for (const d of daemons)
                d.signal('SIGKILL');
            await Promise.all(daemons.map((d) => d.exited));
            redis.disconnect();
            await Promise.all([replay.close(), amiProxy.close(), crmProxy.close(), emu.close(), webhook?.close()]);
        },
    };
}
/** The Bitrix24 user the CRM must show for a call: who answered (inbound, internal) or who placed it (outbound), when known. */
function expectedUserId(call) {
    const ext = call.direction === 'outbound' ? call.callerExtension : call.answeredBy;
    return CHAOS_USERS.find((u) => u.UF_PHONE_INNER === ext)?.ID ?? null;
}
/** Whether the CRM's finish tells the PBX's outcome: same STATUS_CODE, and (when the truth names one) the same user. */
function sameOutcome(call, finished) {
    if (finished.statusCode !== statusCode(call.disposition ?? 'missed', call.hangupCause))
        return false;
    const user = expectedUserId(call);
    return user === null || finished.userId === user;
}
/**
 * Compares the emulator's calls (by EXTERNAL_CALL_ID) with the calls the schedule must have produced: lost,
 * duplicated, and, for calls the daemon saw answered and ended (not in `unobserved`), wrong outcome or duration.
 */
export function countDeliveries(schedule, emu, unobserved = new Map()) {
    const byId = new Map();
    let extra = 0;
    for (const c of emu.state.registered()) {
        const id = String(c.params['EXTERNAL_CALL_ID'] ?? '');
        if (!schedule.expected.has(id)) {
            extra += 1;
            continue;
        }
        const list = byId.get(id) ?? [];
        list.push({ finished: c.finished });
        byId.set(id, list);
    }
    const lostIds = [];
    const duplicatedIds = [];
    const wrongIds = [];
    let delivered = 0;
    let mismatched = 0;
    let seenUnobserved = 0;
    for (const [id, call] of schedule.expected) {
        const crm = byId.get(id) ?? [];
        const finished = crm.flatMap((c) => (c.finished ? [c.finished] : []));
        if (finished.length === 0)
            lostIds.push(id);
        else if (crm.length > 1)
            duplicatedIds.push(id);
        else
            delivered += 1;
        const first = finished[0];
        if (!first)
            continue;
        const unseen = unobserved.get(id);
        if (unseen === 'end') {
            seenUnobserved += 1;
            continue;
        }
        if (unseen === undefined && Math.abs(first.duration - Math.round(call.talkDurationSec ?? 0)) > 1)
            mismatched += 1;
        if (!sameOutcome(call, first))
            wrongIds.push(id);
    }
    return {
        sent: schedule.callsSent, expected: schedule.expected.size, delivered, duplicated: duplicatedIds.length,
        lost: lostIds.length, extra, mismatched, wrongOutcome: wrongIds.length, unobserved: seenUnobserved, lostIds, duplicatedIds, wrongIds,
    };
}
