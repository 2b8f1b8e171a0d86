import { Queue } from 'bullmq';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sleep, waitFor } from '../../../harness/poll.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { mailSender } from '../../../src/notify/mail-sender.js';
import { NotifyLedger } from '../../../src/notify/notify-ledger.js';
import { NotifyProcessor } from '../../../src/notify/notify-processor.js';
import { bullPrefix } from '../../../src/queue/job-id.js';
import { memoryLogger } from '../../support/ami-replay.js';
import { aMissedCall, notifyConfig, RULES, startNotifyRig } from '../../support/notify-rig.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { startTestSmtp } from '../../support/test-smtp.js';
const FROM = 'pbx@example.com';
const rules = { ...RULES, lines: {}, supervisor: { email: 'head@example.com' } };
describe('when notices go out', () => {
    it('mails a call missed out of hours when its line opens, not before, and marks it so', async () => {
        const smtp = await startTestSmtp();
        const openAt = Date.now() + 2500;
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, rules: { ...rules, supervisor: {} } });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })], opensAt: (line, fromMs) => (line === '4951230000' ? Math.max(openAt, fromMs) : fromMs),
            hours: { isOpenAt: (line) => line !== '4951230000' } });
        const record = await rig.missed(aMissedCall(), '201');
        expect(record.outOfHours).toBe(true);
        await sleep(1500);
        expect(smtp.mails).toHaveLength(0);
        await waitFor(() => smtp.mails.length === 1, { what: 'the mail once the line opened', timeoutMs: 6000 });
        expect(Date.now()).toBeGreaterThanOrEqual(openAt);
        expect(smtp.mails[0]?.text).toContain('out of working hours');
    });
    it('schedules the daily summary at NOTIFY_DAILY_SUMMARY_AT in NOTIFY_TIME_ZONE', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, rules, dailySummaryAt: '08:30', timeZone: 'Asia/Yekaterinburg' });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })] });
        const queue = new Queue('notify', { connection: testRedis(), prefix: bullPrefix(rig.prefix) });
        onTestFinished(() => queue.close());
        expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'daily-summary', pattern: '30 8 * * *', tz: 'Asia/Yekaterinburg' })]);
    });
    it('sums up the past 24 hours for the supervisor once a day: missed, called back, open, short abandons apart', async () => {
        const smtp = await startTestSmtp();
        const prefix = uniquePrefix();
        const redis = testRedis();
        const journal = new CallJournal(redis, prefix, { minRingSec: 3 });
        const open = await journal.record(aMissedCall({ agoMs: 3_600_000 }), '201', null);
        const reached = aMissedCall({ agoMs: 7_200_000 });
        await journal.record(reached, '202', null);
        await journal.record({ ...reached, id: 'back.1', linkedIds: ['back.1'], direction: 'outbound', callerExtension: '202', startedAtMs: Date.now() - 3_000_000, answeredAtMs: Date.now() - 2_990_000, answeredBy: '202', endedAtMs: Date.now() - 2_900_000, disposition: 'answered' }, '202', null);
        await journal.record(aMissedCall({ ringDurationSec: 1 }), '201', null);
        await journal.record(aMissedCall({ agoMs: 30 * 3_600_000 }), '201', null); // the day before
        const processor = new NotifyProcessor({
            journal, ledger: new NotifyLedger(redis, prefix), senders: { email: mailSender({ url: smtp.url, from: FROM }) }, rules,
            settings: notifyConfig(), enqueue: async () => undefined, now: Date.now, log: memoryLogger().log,
        });
        await processor.run({ kind: 'summary' });
        await processor.run({ kind: 'summary' }); // a retried run mails no second summary
        expect(smtp.mails).toHaveLength(1);
        expect(smtp.mails[0]?.to).toEqual(['head@example.com']);
        expect(smtp.mails[0]?.subject).toMatch(/^Missed calls \d{4}-\d{2}-\d{2}: 2, 1 open$/);
        expect(smtp.mails[0]?.text).toContain('Called back: 1');
        expect(smtp.mails[0]?.text).toContain('Short abandons (not counted above): 1');
        expect(smtp.mails[0]?.text).toContain('owner 201');
        expect(open.calledBack).toBeNull();
    });
});
