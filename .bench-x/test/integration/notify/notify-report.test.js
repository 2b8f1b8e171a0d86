import { Queue } from 'bullmq';
import { describe, expect, it, onTestFinished } from 'vitest';
import { aCall, aRing } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { CallReports } from '../../../src/journal/call-reports.js';
import { mailSender } from '../../../src/notify/mail-sender.js';
import { NotifyLedger } from '../../../src/notify/notify-ledger.js';
import { NotifyProcessor } from '../../../src/notify/notify-processor.js';
import { previousDay } from '../../../src/notify/report-mail.js';
import { bullPrefix } from '../../../src/queue/job-id.js';
import { memoryLogger } from '../../support/ami-replay.js';
import { notifyConfig, startNotifyRig } from '../../support/notify-rig.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { startTestSmtp } from '../../support/test-smtp.js';
const FROM = 'pbx@example.com';
const TZ = 'Europe/Moscow';
const TO = ['head@example.com', 'ops@example.com'];
// 08:00 in Moscow on 24 November 2026: the report covers 23 November (21:00 UTC on the 22nd to 21:00 UTC on the 23rd)
const NOW = Date.UTC(2026, 10, 24, 5, 0);
const DAY_START = Date.UTC(2026, 10, 22, 21, 0);
let n = 0;
function answered(ext, atMs, waitSec, talkSec) {
    n += 1;
    const answeredAtMs = atMs + waitSec * 1000;
    return aCall({
        id: `1795100${n}.${n}`, externalNumber: `+7495777${String(1000 + n)}`, line: '4951230000', startedAtMs: atMs, rang: [aRing(ext, atMs, 'answered', answeredAtMs)],
        answeredBy: ext, answeredAtMs, endedAtMs: answeredAtMs + talkSec * 1000, ringDurationSec: waitSec, talkDurationSec: talkSec, disposition: 'answered', hangupCause: 16,
    });
}
function missed(ext, atMs) {
    n += 1;
    return aCall({
        id: `1795100${n}.${n}`, externalNumber: `+7495777${String(1000 + n)}`, line: '4951230002', startedAtMs: atMs, rang: [aRing(ext, atMs, 'noanswer', atMs + 20_000)],
        endedAtMs: atMs + 20_000, ringDurationSec: 20, talkDurationSec: 0, disposition: 'noanswer', hangupCause: 19,
    });
}
async function reportRig(smtpUrl) {
    const prefix = uniquePrefix();
    const redis = testRedis();
    const journal = new CallJournal(redis, prefix, { minRingSec: 3 });
    const calls = [
        [answered('201', DAY_START + 3_600_000, 4, 60), '201'], [answered('201', DAY_START + 5 * 3_600_000, 10, 30), '201'],
        [answered('202', DAY_START + 6 * 3_600_000, 6, 120), '202'], [missed('202', DAY_START + 7 * 3_600_000), '202'],
        [missed('201', DAY_START + 23.5 * 3_600_000), '201'],
        [answered('201', DAY_START - 3_600_000, 5, 10), '201'], [answered('202', DAY_START + 24.5 * 3_600_000, 5, 10), '202'], // the days around it
    ];
    for (const [call, owner] of calls)
        await journal.record(call, owner, null);
    const queued = new Map(); // the jobs the report queued, by id (an id queued twice is one job)
    const processor = (now) => new NotifyProcessor({
        journal, ledger: new NotifyLedger(redis, prefix), senders: { email: mailSender({ url: smtpUrl, from: FROM }) }, rules: { extensions: {}, lines: {}, supervisor: {} },
        settings: notifyConfig({ timeZone: TZ, reportMail: { to: TO, at: '08:00' } }), enqueue: async (job, id) => { queued.set(id, job); }, now: () => now, log: memoryLogger().log,
        reports: new CallReports(redis, journal.counters, 20),
    });
    /** Runs each queued job once, as the worker would (a job that fails stays queued); resolves to the failures. */
    const drain = async (now) => {
        const failures = [];
        for (const [id, job] of [...queued]) {
            try {
                await processor(now).run(job, id);
                queued.delete(id);
            }
            catch (err) {
                failures.push(err);
            }
        }
        return failures;
    };
    return { processor, journal, drain };
}
describe('the daily report mail', () => {
    it('reads the previous local day', () => {
        expect(previousDay(NOW, TZ)).toEqual({ day: '2026-11-23', fromMs: DAY_START, toMs: DAY_START + 86_400_000 });
        expect(previousDay(Date.UTC(2026, 10, 23, 22, 0), TZ).day).toBe('2026-11-23'); // 01:00 on the 24th in Moscow
    });
    it('schedules REPORT_MAIL_AT in the notifications\' time zone', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, timeZone: 'Asia/Yekaterinburg', reportMail: { to: TO, at: '07:45' } });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })], reports: { rows: async () => [] } });
        const queue = new Queue('notify', { connection: testRedis(), prefix: bullPrefix(rig.prefix) });
        onTestFinished(() => queue.close());
        expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'daily-report', pattern: '45 7 * * *', tz: 'Asia/Yekaterinburg' })]);
    });
    it('mails yesterday\'s figures per operator and line as text and HTML, retried while SMTP is down, once per day across instances', async () => {
        const smtp = await startTestSmtp();
        const { processor, drain } = await reportRig(smtp.url);
        await smtp.stop(); // the first attempts fail: the queue retries the same jobs
        await processor(NOW).run({ kind: 'report' }, 'repeat:daily-report:1', NOW);
        const failures = await drain(NOW);
        expect(failures).toHaveLength(TO.length);
        expect(String(failures[0])).toMatch(/SMTP send failed/);
        await smtp.start();
        expect(await drain(NOW)).toEqual([]);
        await processor(NOW).run({ kind: 'report' }, 'repeat:daily-report:1', NOW); // a retry after success sends nothing more
        await processor(NOW + 60_000).run({ kind: 'report' }, 'repeat:daily-report:other-instance', NOW + 60_000); // another instance's job: the day is claimed
        expect(await drain(NOW)).toEqual([]);
        expect(smtp.mails.map((m) => m.to)).toEqual(TO.map((a) => [a]));
        const mail = smtp.mails[0];
        expect(mail?.subject).toBe('Call report 2026-11-23');
        // 201: two answered (waits 4 and 10 s, talk 60 + 30), one missed; 202: one answered (6 s, 120 s), one missed;
        // the p90 of the wait is the counters' bucket bound (10 s), as /v1/reports gives it
        expect(mail?.text).toContain('Calls on 2026-11-23 (Europe/Moscow): 5 inbound, 3 answered, 2 missed, 0 outbound.');
        expect(mail?.text).toMatch(/^201\s+3\s+2\s+1\s+1\s+0\s+90\s+7\s+10\s+67%$/m);
        expect(mail?.text).toMatch(/^202\s+2\s+1\s+1\s+1\s+0\s+120\s+6\s+10\s+50%$/m);
        expect(mail?.text).toMatch(/^4951230000\s+3\s+3\s+0\s+0\s+0\s+210\s/m);
        expect(mail?.text).toMatch(/^4951230002\s+2\s+0\s+2\s+2\s+0\s+0\s+–\s+–\s+0%$/m);
        expect(mail?.html).toContain('<table');
        expect(mail?.html).toMatch(/<td[^>]*>201<\/td><td[^>]*>3<\/td><td[^>]*>2<\/td><td[^>]*>1<\/td>/);
        // the next day is its own
        await processor(NOW + 86_400_000).run({ kind: 'report' }, 'repeat:daily-report:2', NOW + 86_400_000);
        expect(await drain(NOW + 86_400_000)).toEqual([]);
        expect(smtp.mails.map((m) => m.subject)).toContain('Call report 2026-11-24');
    });
    it('a job run after the next local midnight (a retry) reports the day of its scheduled time', async () => {
        const smtp = await startTestSmtp();
        const { processor, drain } = await reportRig(smtp.url);
        const late = NOW + 20 * 3_600_000; // 04:00 on 25 November in Moscow
        await processor(late).run({ kind: 'report' }, 'repeat:daily-report:1', NOW);
        expect(await drain(late)).toEqual([]);
        expect(smtp.mails.map((m) => [m.to, m.subject])).toEqual(TO.map((a) => [[a], 'Call report 2026-11-23']));
        expect(smtp.mails[0]?.text).toContain('Calls on 2026-11-23 (Europe/Moscow): 5 inbound, 3 answered, 2 missed, 0 outbound.');
    });
    it('an address the server refuses fails alone, at once: the others get the report once, of the scheduled day', async () => {
        const smtp = await startTestSmtp();
        const to = ['head@example.com', 'gone@example.com', 'ops@example.com'];
        smtp.refused.add('gone@example.com');
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, timeZone: TZ, reportMail: { to, at: '08:00' } });
        // the worker's clock is a day ahead: the day must come from the job's scheduled time, not from when it runs
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })], reports: { rows: async () => [] }, now: () => Date.now() + 86_400_000 });
        const queue = new Queue('notify', { connection: testRedis(), prefix: bullPrefix(rig.prefix) });
        onTestFinished(() => queue.close());
        await queue.upsertJobScheduler('daily-report', { pattern: '0 8 * * *', tz: TZ, immediately: true }, { name: 'report', data: { kind: 'report' }, opts: { attempts: config.attempts, backoff: { type: 'notify' } } });
        await waitFor(async () => smtp.mails.length >= 2 && (await queue.getFailedCount()) >= 1, { what: 'two reports and one failed address', timeoutMs: 8000 });
        const [report] = (await queue.getJobs(['completed'])).filter((j) => j.name === 'report');
        const day = previousDay(report?.opts.prevMillis ?? NaN, TZ).day;
        expect(smtp.mails.map((m) => [m.to, m.subject]).sort()).toEqual([[['head@example.com'], `Call report ${day}`], [['ops@example.com'], `Call report ${day}`]]);
        const failed = await queue.getFailed();
        expect(failed.map((j) => [j.data, j.attemptsMade])).toEqual([[{ kind: 'report-send', day, address: 'gone@example.com' }, 1]]);
        expect(failed[0]?.failedReason).toMatch(/SMTP send failed: EENVELOPE \(reply 550\)/);
    });
});
