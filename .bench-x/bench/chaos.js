/**
 * `npm run chaos` (npx tsx bench/chaos.ts): real daemon processes (node --import tsx src/main.ts, CRM_ADAPTER=bitrix24
 * against the Bitrix24 emulator) fed by the AMI replay server, one fault per phase, then per fault:
 * calls sent | delivered (registered and finished exactly once) | duplicated | lost | invisible (see chaos-phases.ts).
 * Settings (env): CHAOS_CALLS=200 (split over the phases), CHAOS_SPEED=2, CHAOS_AMI_DROP_SEC=30, CHAOS_CRM_DOWN_SEC=20
 * (up to 600), CHAOS_LIMIT_STORM_SEC=15, CHAOS_REDIS_DOWN_SEC=3, CHAOS_SETTLE_SEC (default from the faults),
 * CHAOS_PARALLEL=3 phases at a time, CHAOS_ONLY=1,4 (phase numbers), CHAOS_LOG_DIR=dir (daemon logs).
 * Exit code 1 when any phase lost or duplicated a call.
 *
 * `npm run chaos -- --webhook`: instead, the acceptance schedule through the signed webhook (CRM_ADAPTER=webhook, the
 * reference receiver): in one run while calls flow, kill -9 of the daemon, Redis kill -9, an AMI cut, kill -9 again,
 * the CRM answering 5xx (see chaos-webhook.ts). Settings: CHAOS_CALLS=60, CHAOS_SPEED=1, CHAOS_AMI_DROP_SEC=30,
 * CHAOS_CRM_DOWN_SEC=30, CHAOS_REDIS_DOWN_SEC=3, CHAOS_SETTLE_SEC=120, CHAOS_LOG_DIR. Exit code 1 on any lost or
 * duplicated stage, extra call or wrong outcome.
 *
 * `npm run chaos -- --smtp`: missed-call mail through an SMTP outage (see chaos-smtp.ts): the SMTP server down from the
 * start for CHAOS_SMTP_DOWN_SEC=120, the daemon killed with -9 halfway through it; every missed call (copies of the
 * missed and busy recordings) must then be mailed once. Settings: CHAOS_CALLS=40, CHAOS_SPEED=1, CHAOS_SETTLE_SEC=300, CHAOS_LOG_DIR. Exit code 1 on a lost,
 * duplicated, wrong or misaddressed mail.
 *
 * `npm run chaos -- --tenants`: issue #16 point 4 (see harness/chaos/chaos-tenants.ts): CHAOS_INSTANCES=3 daemon
 * processes on one deployment file of CHAOS_TENANTS=3 tenants × CHAOS_PBXS=4 PBXs (a webhook CRM each), CHAOS_CALLS=20
 * calls per PBX (a new one every 1.5 s of PBX time) at CHAOS_SPEED=1, and CHAOS_FAULTS=kill,add,term,add,kill,add,term,add
 * (3 instances, then 2, 3, 2, ...: kill -9 of the instance holding most leases, a new instance, SIGTERM of one) spread over the replay; per fault the
 * seconds until every lease is held by a live instance (for `add`: evenly shared) and the counts after it, then the
 * calls in flight on the moved PBXs and what became of them. A wrong outcome (operator, talk time, disposition) is
 * counted apart when some of the call's frames fell where no daemon read its PBX ("partly unseen") and fails the run
 * only for a call seen whole. Also CHAOS_SETTLE_SEC=120, CHAOS_LOG_DIR; REDIS_URL (else a
 * private redis-server). Exit code 1 on a lost, duplicated or extra call, a wrong one seen whole, a missing or doubled journal entry,
 * two readers of one PBX at once, or a fault not recovered within the wait.
 */
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { phases, runPhase } from './chaos-phases.js';
import { CHAOS_TRACKER } from '../harness/chaos/chaos-rig.js';
import { buildChaosSchedule } from '../harness/chaos/chaos-schedule.js';
import { benchArgs } from '../harness/bench-args.js';
import { runWebhookChaos } from '../harness/chaos/chaos-webhook.js';
import { runSmtpChaos } from '../harness/chaos/chaos-smtp.js';
import { runTenantsChaos, tenantsTable } from '../harness/chaos/chaos-tenants.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
const args = benchArgs(import.meta.url, { webhook: { type: 'boolean' }, smtp: { type: 'boolean' }, tenants: { type: 'boolean' } }); // settings are environment variables; --help prints them
const num = (name, fallback) => Number(process.env[name] ?? fallback);
function transcriptDir() {
    return amiFixturesDir();
}
function settings() {
    const crmDownSec = Math.min(600, num('CHAOS_CRM_DOWN_SEC', 20));
    const logDir = process.env['CHAOS_LOG_DIR'] ?? null;
    if (logDir)
        mkdirSync(logDir, { recursive: true });
    return {
        speed: num('CHAOS_SPEED', 2), amiDropSec: num('CHAOS_AMI_DROP_SEC', 30), crmDownSec,
        limitStormSec: num('CHAOS_LIMIT_STORM_SEC', 15), redisDownSec: num('CHAOS_REDIS_DOWN_SEC', 3),
        // after the CRM is back a job may sit in its retry backoff (capped at 5 min) before it is tried again
        settleSec: num('CHAOS_SETTLE_SEC', Math.max(90, Math.min(crmDownSec, 300) + 60)), logDir,
    };
}
function table(results) {
    const head = ['fault', 'calls sent', 'delivered', 'duplicated', 'lost', 'invisible', 'extra', 'wrong duration', 'wrong outcome', 'unobserved', 'time s', 'notes'];
    const rows = results.map((r) => [
        r.fault, r.sent, r.delivered, r.duplicated, r.lost, r.invisible, r.extra, r.mismatched, r.wrongOutcome, r.unobserved, r.seconds, r.notes,
    ].map(String));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
async function main() {
    const s = settings();
    const dir = transcriptDir();
    const only = readdirSync(dir).filter((f) => f.endsWith('.ami') && f !== 'click-to-call.ami').sort(); // CRM-placed calls are not registered by us
    const all = phases(s, 0);
    const chosen = (process.env['CHAOS_ONLY'] ?? '').split(',').filter(Boolean).map(Number);
    const picked = all.map((p, i) => ({ p, i: i + 1 })).filter(({ i }) => chosen.length === 0 || chosen.includes(i));
    const perPhase = Math.max(1, Math.round(num('CHAOS_CALLS', 200) / all.length));
    const schedule = await buildChaosSchedule({ transcriptDir: dir, only, calls: perPhase, everySec: 1.5, tracker: CHAOS_TRACKER });
    const withFrames = phases(s, schedule.frameCount);
    process.stdout.write(`chaos: ${picked.length} phases x ${perPhase} calls (${schedule.spanSec.toFixed(0)} s of PBX time at ${s.speed}x each), ` +
        `${num('CHAOS_PARALLEL', 3)} at a time\n`);
    const results = [];
    const queue = [...picked];
    const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
            const phase = withFrames[next.i - 1];
            if (!phase)
                continue;
            const r = await runPhase(phase, schedule, s, next.i);
            process.stdout.write(`chaos: ${next.i}. ${r.fault}: delivered ${r.delivered}/${r.expected}, duplicated ${r.duplicated}, lost ${r.lost}` +
                `${r.lostIds.length ? ` (${r.lostIds.slice(0, 5).join(' ')})` : ''}${r.duplicatedIds.length ? ` dup ${r.duplicatedIds.slice(0, 5).join(' ')}` : ''}\n`);
            results[next.i - 1] = r;
        }
    };
    await Promise.all(Array.from({ length: num('CHAOS_PARALLEL', 3) }, worker));
    const done = results.filter((r) => r !== undefined);
    process.stdout.write(`\n${table(done)}\n`);
    process.exit(done.some((r) => r.lost > 0 || r.duplicated > 0 || r.wrongOutcome > 0) ? 1 : 0); // wrong outcomes fail like lost ones
}
function webhookTable(r) {
    const head = ['calls sent', 'expected', 'delivered', 'lost', 'duplicated', 'extra', 'wrong outcome', 'unobserved', 'invisible',
        'recording begun unseen', 'handover unseen', 'redelivered', 'time s'];
    const row = [r.sent, r.expected, r.delivered, r.lost, r.duplicated, r.extra, r.wrongOutcome, r.unobserved, r.invisible,
        r.recordingsUnseen, r.handoversUnseen, r.redelivered, r.seconds].map(String);
    return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, `| ${row.join(' | ')} |`].join('\n');
}
async function webhookMain() {
    const dir = transcriptDir();
    const only = readdirSync(dir).filter((f) => f.endsWith('.ami') && f !== 'click-to-call.ami').sort();
    const schedule = await buildChaosSchedule({ transcriptDir: dir, only, calls: num('CHAOS_CALLS', 60), everySec: 1.5, tracker: CHAOS_TRACKER });
    const logDir = process.env['CHAOS_LOG_DIR'] ?? null;
    if (logDir)
        mkdirSync(logDir, { recursive: true });
    const speed = num('CHAOS_SPEED', 1);
    process.stdout.write(`chaos (webhook): ${schedule.callsSent} calls, ${schedule.spanSec.toFixed(0)} s of PBX time at ${speed}x\n`);
    const r = await runWebhookChaos(schedule, {
        speed, amiCutSec: num('CHAOS_AMI_DROP_SEC', 30), crmDownSec: Math.min(600, num('CHAOS_CRM_DOWN_SEC', 30)),
        redisDownSec: num('CHAOS_REDIS_DOWN_SEC', 3), settleSec: num('CHAOS_SETTLE_SEC', 120), ...(logDir ? { logFile: join(logDir, 'webhook.log') } : {}),
    });
    for (const f of r.faults)
        process.stdout.write(`chaos: ${f}\n`);
    for (const w of r.wrong.slice(0, 10))
        process.stdout.write(`chaos: wrong ${w}\n`);
    if (r.missing.length)
        process.stdout.write(`chaos: lost ${r.missing.slice(0, 10).join('; ')}\n`);
    if (r.duplicatedIds.length)
        process.stdout.write(`chaos: duplicated ${r.duplicatedIds.slice(0, 10).join(' ')}\n`);
    process.stdout.write(`\n${webhookTable(r)}\n`);
    process.exit(r.lost > 0 || r.duplicated > 0 || r.extra > 0 || r.wrongOutcome > 0 ? 1 : 0);
}
async function smtpMain() {
    const dir = transcriptDir();
    // missed, busy and abandoned calls only: an answered copy from the same number would close them before the mail
    const only = readdirSync(dir).filter((f) => /^inbound-(missed|busy).*\.ami$/.test(f)).sort();
    const schedule = await buildChaosSchedule({ transcriptDir: dir, only, calls: num('CHAOS_CALLS', 40), everySec: 1.5, tracker: CHAOS_TRACKER });
    const logDir = process.env['CHAOS_LOG_DIR'] ?? null;
    if (logDir)
        mkdirSync(logDir, { recursive: true });
    const speed = num('CHAOS_SPEED', 1);
    process.stdout.write(`chaos (smtp): ${schedule.callsSent} calls, ${schedule.spanSec.toFixed(0)} s of PBX time at ${speed}x\n`);
    const r = await runSmtpChaos(schedule, {
        speed, smtpDownSec: num('CHAOS_SMTP_DOWN_SEC', 120), settleSec: num('CHAOS_SETTLE_SEC', 300),
        ...(logDir ? { logFile: join(logDir, 'smtp.log') } : {}),
    });
    for (const f of r.faults)
        process.stdout.write(`chaos: ${f}\n`);
    if (r.lostIds.length)
        process.stdout.write(`chaos: not mailed ${r.lostIds.slice(0, 10).join(' ')}\n`);
    if (r.duplicatedIds.length)
        process.stdout.write(`chaos: mailed twice ${r.duplicatedIds.slice(0, 10).join(' ')}\n`);
    const head = ['calls sent', 'missed', 'called back first', 'mailed once', 'lost', 'duplicated', 'answered but mailed', 'misaddressed', 'mails', 'time s'];
    const row = [schedule.callsSent, r.missed + r.closedFirst, r.closedFirst, r.mailed - r.duplicated, r.lost, r.duplicated, r.wrong, r.misaddressed, r.mails, r.seconds].map(String);
    process.stdout.write(`\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n| ${row.join(' | ')} |\n`);
    process.exit(r.lost > 0 || r.duplicated > 0 || r.wrong > 0 || r.misaddressed > 0 ? 1 : 0);
}
async function tenantsMain() {
    const dir = transcriptDir();
    const transcripts = readdirSync(dir).filter((f) => f.endsWith('.ami') && f !== 'click-to-call.ami').sort();
    const faults = (process.env['CHAOS_FAULTS'] ?? 'kill,add,term,add,kill,add,term,add').split(',').filter(Boolean);
    const bad = faults.filter((f) => !['kill', 'add', 'term'].includes(f));
    if (bad.length > 0)
        throw new Error(`CHAOS_FAULTS: ${bad.join(', ')} is no fault (kill, add, term)`);
    const logDir = process.env['CHAOS_LOG_DIR'] ?? null;
    if (logDir)
        mkdirSync(logDir, { recursive: true });
    const redis = process.env['REDIS_URL'] ? null : await startPrivateRedis();
    const settings = {
        redisUrl: process.env['REDIS_URL'] ?? redis?.url ?? '', prefix: `chaos-tenants-${Date.now()}`, tenants: num('CHAOS_TENANTS', 3),
        pbxsPerTenant: num('CHAOS_PBXS', 4), instances: num('CHAOS_INSTANCES', 3), callsPerPbx: num('CHAOS_CALLS', 20), everySec: 1.5,
        speed: num('CHAOS_SPEED', 1), transcriptDir: dir, transcripts, faults: faults, settleSec: num('CHAOS_SETTLE_SEC', 120),
        ...(logDir ? { logFile: join(logDir, 'tenants.log') } : {}),
    };
    process.stdout.write(`chaos (tenants): ${settings.instances} instances, ${settings.tenants} tenants x ${settings.pbxsPerTenant} PBXs, ` +
        `${settings.callsPerPbx} calls per PBX at ${settings.speed}x, faults ${faults.join(',')}\n`);
    try {
        const r = await runTenantsChaos(settings, (line) => process.stdout.write(`chaos: ${line}\n`));
        const t = r.tally;
        for (const m of t.missing.slice(0, 10))
            process.stdout.write(`chaos: lost ${m}\n`);
        if (t.duplicatedIds.length)
            process.stdout.write(`chaos: duplicated ${t.duplicatedIds.slice(0, 10).join(' ')}\n`);
        for (const w of t.wrong.slice(0, 10))
            process.stdout.write(`chaos: wrong ${w}\n`);
        for (const n of r.notes.slice(0, 10))
            process.stdout.write(`chaos: note ${n}\n`);
        process.stdout.write(`chaos: journal: ${t.journalMissing.length} missing, ${t.journalDoubled.length} doubled, ${t.journalExtra.length} extra; ` +
            `${r.overlaps} moments with two readers of one PBX; ${t.recordingsUnseen} recordings begun unseen, ${t.handoversUnseen} handovers unseen, ` +
            `${t.unobserved} ended unobserved; ${r.seconds} s\n`);
        process.stdout.write(`\n${tenantsTable(r)}\n`);
        const failed = t.lost > 0 || t.duplicated > 0 || t.extra > 0 || t.wrongSeenWhole.length > 0 || r.overlaps > 0 ||
            t.journalMissing.length + t.journalDoubled.length + t.journalExtra.length > 0 || r.rows.some((x) => x.leasesSec === null);
        await redis?.stop();
        process.exit(failed ? 1 : 0);
    }
    finally {
        await redis?.stop();
    }
}
void (args.tenants === true ? tenantsMain() : args.smtp === true ? smtpMain() : args.webhook === true ? webhookMain() : main());
