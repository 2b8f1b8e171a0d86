/**
 * Missed-call mail through an SMTP outage (`npm run chaos -- --smtp`): real daemon processes (CRM_ADAPTER=bitrix24
 * against the emulator, SMTP_URL at the harness SMTP sink) read a replayed PBX whose calls include missed ones. The
 * SMTP server is down from the start for `smtpDownSec` (the 2 minutes by default) and the daemon is killed
 * with -9 in the middle of the outage; once the server is back, every missed call must be mailed exactly once (a
 * digest counts: each call is named in it once), to the address of an operator, and no answered call mailed. The
 * hourly limit is raised: past it mail waits for a 15-minute digest by design, which is not what this measures.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallJournal } from '../../src/journal/call-journal.js';
import { startSmtpSink } from '../mail/smtp-sink.js';
import { pollUntil, sleep } from '../poll.js';
import { startPrivateRedis } from '../redis/private-redis.js';
import { CHAOS_USERS, startChaosRig } from './chaos-rig.js';
const READING = '"msg":"reading the PBX"';
const addressOf = (ext) => `op${ext}@example.com`;
/** A missed call as the journal defines it: inbound and nobody answered. */
export function isMissed(call) {
    return call.direction === 'inbound' && call.disposition !== 'answered';
}
/** Every extension any call of the schedule rang or was answered on, and the emulator's users. */
function extensionsOf(schedule) {
    const exts = new Set(CHAOS_USERS.map((u) => u.UF_PHONE_INNER));
    for (const call of schedule.expected.values()) {
        for (const r of call.rang)
            exts.add(r.target);
        if (call.answeredBy)
            exts.add(call.answeredBy);
    }
    return [...exts].filter((e) => /^\d{1,9}$/.test(e));
}
/** How many times each call id is named in the mail ("(call <id>)" in a single notice and in every digest entry). */
export function mentions(mails) {
    const seen = new Map();
    for (const m of mails) {
        for (const match of m.text.matchAll(/Missed call \(call ([^)\s]+)\)/g)) {
            const id = match[1] ?? '';
            seen.set(id, (seen.get(id) ?? 0) + 1);
        }
    }
    return seen;
}
/** A call back the journal names is real when the truth has it: answered, after the missed call, with the same number. */
function reachedBy(schedule, missed, calledBack) {
    const back = calledBack ? schedule.expected.get(calledBack.callId) : undefined;
    return back !== undefined && back.disposition === 'answered' && back.externalNumber === missed.externalNumber && back.startedAtMs >= missed.startedAtMs;
}
export function tallyMail(schedule, mails, addresses, calledBack = new Map()) {
    const seen = mentions(mails);
    const missed = [...schedule.expected].filter(([, c]) => isMissed(c));
    const closed = missed.filter(([id, c]) => (seen.get(id) ?? 0) === 0 && reachedBy(schedule, c, calledBack.get(id))).map(([id]) => id);
    const missedIds = missed.map(([id]) => id).filter((id) => !closed.includes(id));
    const lostIds = missedIds.filter((id) => (seen.get(id) ?? 0) === 0);
    const duplicatedIds = missedIds.filter((id) => (seen.get(id) ?? 0) > 1);
    const wrong = [...schedule.expected].filter(([id, c]) => !isMissed(c) && seen.has(id)).length;
    const misaddressed = mails.filter((m) => m.to.some((a) => !addresses.has(a))).length;
    return {
        missed: missedIds.length, mailed: missedIds.length - lostIds.length, lost: lostIds.length, duplicated: duplicatedIds.length,
        wrong, misaddressed, closedFirst: closed.length, mails: mails.length, lostIds, duplicatedIds,
    };
}
export async function runSmtpChaos(schedule, s, prefix = 'chaos-smtp') {
    const startedAt = Date.now();
    const faults = [];
    const note = (what) => faults.push(`${((Date.now() - startedAt) / 1000).toFixed(1)} s ${what}`);
    const dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-smtp-'));
    const exts = extensionsOf(schedule);
    const addresses = new Set(exts.map(addressOf));
    const rulesFile = join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify({ notify: { extensions: Object.fromEntries(exts.map((e) => [e, { email: addressOf(e) }])) } }));
    const smtp = await startSmtpSink();
    await smtp.stop();
    note(`SMTP down for ${s.smtpDownSec} s`);
    const redis = await startPrivateRedis(undefined, { appendOnlyDir: dir });
    const rig = await startChaosRig({
        schedule, redisUrl: redis.url, prefix, speed: s.speed,
        daemonEnv: {
            SMTP_URL: smtp.url, SMTP_FROM: 'PBX bridge <pbx@example.com>', RULES_FILE: rulesFile,
            // one owner gets most of these calls: past 20 mails an hour the rest would wait for a 15-minute digest (by design)
            NOTIFY_HOURLY_LIMIT: '1000', ...s.daemonEnv,
        },
        ...(s.logFile ? { logFile: s.logFile } : {}),
    });
    try {
        const first = await rig.spawn();
        await pollUntil(() => first.lines.some((l) => l.includes(READING)), { timeoutMs: 30_000 });
        await sleep((s.smtpDownSec * 1000) / 2);
        first.signal('SIGKILL');
        await first.exited;
        note('daemon kill -9 (SMTP still down)');
        const second = await rig.spawn();
        await pollUntil(() => second.lines.some((l) => l.includes(READING)), { timeoutMs: 30_000 });
        note('new daemon reads the PBX');
        await sleep(Math.max(0, startedAt + s.smtpDownSec * 1000 - Date.now()));
        await smtp.start();
        note(`SMTP back (${smtp.mails.length} mails before)`);
        await rig.replay.finished;
        note('replay over');
        const journal = new CallJournal(rig.redis, prefix);
        const calledBack = new Map();
        const readJournal = async () => {
            for (const [id, c] of schedule.expected)
                if (isMissed(c))
                    calledBack.set(id, (await journal.get(id).catch(() => null))?.calledBack ?? null);
        };
        const done = async () => { await readJournal(); return tallyMail(schedule, smtp.mails, addresses, calledBack).lost === 0; };
        await pollUntil(done, { timeoutMs: s.settleSec * 1000, intervalMs: 500 });
        await sleep(3000); // a late duplicate would show up now
        await readJournal();
        note('settled');
        return { ...tallyMail(schedule, smtp.mails, addresses, calledBack), faults, seconds: Math.round((Date.now() - startedAt) / 1000) };
    }
    finally {
        await rig.close();
        await smtp.stop();
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}
