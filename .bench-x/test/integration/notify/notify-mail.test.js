import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../harness/poll.js';
import { aCall } from '../../../harness/call-builders.js';
import { mailSender } from '../../../src/notify/mail-sender.js';
import { notifyConfig, aMissedCall, startNotifyRig, RULES } from '../../support/notify-rig.js';
import { startTestSmtp } from '../../support/test-smtp.js';
const FROM = 'PBX bridge <pbx@example.com>';
function mailsTo(mails, address) {
    return mails.filter((m) => m.to.includes(address));
}
describe('missed-call mail over a real SMTP server', () => {
    it('mails each missed call once to its owner and once to its line, saying number, client, line, when, ring time, who it rang and a link', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM } });
        const rig = await startNotifyRig({ config, senders: [mailSender(config.smtp ?? { url: '', from: '' })] });
        const call = aMissedCall({ startedAtMs: Date.parse('2026-11-23T06:02:15Z'), endedAtMs: Date.parse('2026-11-23T06:02:27Z'), externalNumber: '+74955551234' });
        const record = await rig.missed(call, '201', 'Romashka LLC');
        await rig.service.missedCall(record, 'Romashka LLC'); // the sync job retried: queued again
        await waitFor(() => smtp.mails.length >= 2, { what: 'two mails', timeoutMs: 8000 });
        await sleep(800);
        expect(smtp.mails).toHaveLength(2);
        const [anna] = mailsTo(smtp.mails, 'anna@example.com');
        expect(mailsTo(smtp.mails, 'sales@example.com')).toHaveLength(1);
        expect(anna?.from).toBe('pbx@example.com');
        expect(anna?.subject).toBe('Missed call from +7 495 555-12-34 (Romashka LLC)');
        expect(anna?.text).toContain('Number: +7 495 555-12-34');
        expect(anna?.text).toContain('Client: Romashka LLC');
        expect(anna?.text).toContain('Line: 4951230000');
        expect(anna?.text).toContain('When: 2026-11-23 09:02 (Europe/Moscow)');
        expect(anna?.text).toContain('Rang: 12 s');
        expect(anna?.text).toContain('Rang at: 201, 202');
        expect(anna?.text).toContain('Owner: 201');
        expect(anna?.text).toContain(`Open: https://bridge.example.com/console/missed?call=${record.id}`);
    });
    it('tells of an anonymous caller too, saying the number was withheld', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, rules: { ...RULES, lines: {} } });
        const rig = await startNotifyRig({ config, senders: [mailSender(config.smtp ?? { url: '', from: '' })] });
        await rig.missed(aMissedCall({ externalNumber: null }), '202');
        await waitFor(() => smtp.mails.length >= 1, { what: 'a mail', timeoutMs: 8000 });
        expect(smtp.mails[0]?.to).toEqual(['boris@example.com']);
        expect(smtp.mails[0]?.subject).toBe('Missed call from anonymous (number withheld)');
        expect(smtp.mails[0]?.text).toContain('cannot be called back');
    });
    it('sends nothing for a missed call called back before its notice went out, nor for a short abandon', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, rules: { ...RULES, lines: {} } });
        const rig = await startNotifyRig({ config, senders: [mailSender(config.smtp ?? { url: '', from: '' })] });
        const missed = aMissedCall({ agoMs: 60_000 });
        const stale = await rig.journal.record(missed, '201', null);
        const back = aCall({
            direction: 'outbound', externalNumber: missed.externalNumber, callerExtension: '202', startedAtMs: Date.now() - 30_000,
            answeredAtMs: Date.now() - 25_000, endedAtMs: Date.now() - 5_000, disposition: 'answered', answeredBy: '202',
        });
        await rig.journal.record(back, '202', null);
        await rig.service.missedCall(stale, null); // the notice was queued from the copy that was still open
        const short = await rig.missed(aMissedCall({ ringDurationSec: 2 }), '201'); // MISSED_MIN_RING_SEC 3 in the rig
        expect(short.shortAbandon).toBe(true);
        await rig.missed(aMissedCall(), '202'); // an open one, to know the queue ran
        await waitFor(() => smtp.mails.length >= 1, { what: 'the open call\'s mail', timeoutMs: 8000 });
        await sleep(800);
        expect(smtp.mails.map((m) => m.to)).toEqual([['boris@example.com']]);
    });
    it('delivers every mail once after the SMTP server was down for 5 s (the issue\'s 2 minutes, shortened; backoff 200 ms)', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, rules: { ...RULES, lines: {} } });
        const rig = await startNotifyRig({ config, senders: [mailSender(config.smtp ?? { url: '', from: '' })] });
        await smtp.stop();
        const owners = ['201', '202', '201', '202', '201'];
        const records = [];
        for (const owner of owners)
            records.push(await rig.missed(aMissedCall(), owner));
        await sleep(5000);
        expect(smtp.mails).toHaveLength(0);
        await smtp.start();
        await waitFor(() => smtp.mails.length >= owners.length, { what: `${owners.length} mails after the outage (${smtp.mails.length} arrived)`, timeoutMs: 20_000 });
        await sleep(1500);
        expect(smtp.mails).toHaveLength(owners.length);
        for (const r of records)
            expect(smtp.mails.filter((m) => m.text.includes(`call ${r.id}`))).toHaveLength(1);
        expect(rig.log.lines().some((l) => l.includes('notification not sent yet') && l.includes('SMTP send failed: ESOCKET'))).toBe(true);
    }, 40_000);
});
