import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../harness/poll.js';
import { mailSender } from '../../../src/notify/mail-sender.js';
import { aMissedCall, notifyConfig, RULES, startNotifyRig } from '../../support/notify-rig.js';
import { startTestSmtp } from '../../support/test-smtp.js';
const FROM = 'pbx@example.com';
const rules = { ...RULES, lines: {} };
/** A clock that stands `leadMs` before the end of the current `windowMin` window (digest windows start on multiples). */
function clockBeforeWindowEnd(windowMin, leadMs) {
    const windowMs = windowMin * 60_000;
    const shift = windowMs - leadMs - (Date.now() % windowMs);
    return () => Date.now() + shift;
}
describe('digests', () => {
    it('NOTIFY_DIGEST_MINUTES gathers the window\'s missed calls of one address into one mail, each call once', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, digestMinutes: 1, rules });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })], now: clockBeforeWindowEnd(1, 2500) });
        const a = await rig.missed(aMissedCall(), '201');
        const b = await rig.missed(aMissedCall(), '201');
        const c = await rig.missed(aMissedCall(), '202');
        await sleep(800);
        expect(smtp.mails).toHaveLength(0); // gathered, not sent yet
        await waitFor(() => smtp.mails.length >= 2, { what: 'two digests', timeoutMs: 8000 });
        await sleep(800);
        expect(smtp.mails).toHaveLength(2);
        const anna = smtp.mails.find((m) => m.to.includes('anna@example.com'));
        expect(anna?.subject).toBe('2 missed calls');
        expect(anna?.text).toContain(`call ${a.id}`);
        expect(anna?.text).toContain(`call ${b.id}`);
        expect(smtp.mails.find((m) => m.to.includes('boris@example.com'))?.text).toContain(`call ${c.id}`);
    });
    it('turns mails beyond the hourly limit of one address into a digest by itself', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, hourlyLimit: 2, rules });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })], now: clockBeforeWindowEnd(15, 3000) });
        const ids = [];
        for (let i = 0; i < 2; i += 1) {
            ids.push((await rig.missed(aMissedCall(), '201')).id);
            await waitFor(() => smtp.mails.length >= i + 1, { what: `mail ${i + 1}`, timeoutMs: 8000 });
        }
        for (let i = 0; i < 3; i += 1)
            ids.push((await rig.missed(aMissedCall(), '201')).id);
        await waitFor(() => smtp.mails.length >= 3, { what: 'the digest', timeoutMs: 10_000 });
        await sleep(800);
        expect(smtp.mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Missed call from/), expect.stringMatching(/^Missed call from/), '3 missed calls']);
        for (const id of ids)
            expect(smtp.mails.filter((m) => m.text.includes(`call ${id}`))).toHaveLength(1);
    });
});
describe('escalation', () => {
    it('mails the supervisor about a missed call nobody called back within its deadline, not about one called back', async () => {
        const smtp = await startTestSmtp();
        const config = notifyConfig({ smtp: { url: smtp.url, from: FROM }, escalateAfterMin: 1, rules: { ...rules, supervisor: { email: 'head@example.com' } } });
        const rig = await startNotifyRig({ config, senders: [mailSender({ url: smtp.url, from: FROM })] });
        const open = await rig.missed(aMissedCall({ agoMs: 61_000 }), '201');
        const closing = aMissedCall({ agoMs: 58_500 });
        await rig.missed(closing, '202');
        const answeredAtMs = Date.now() - 1000;
        await rig.journal.record({ ...closing, id: `${closing.id}-back`, linkedIds: [`${closing.id}-back`], direction: 'outbound', callerExtension: '202', startedAtMs: answeredAtMs - 2000, answeredAtMs, answeredBy: '202', endedAtMs: Date.now(), disposition: 'answered' }, '202', null);
        await waitFor(() => smtp.mails.some((m) => m.to.includes('head@example.com')), { what: 'the escalation', timeoutMs: 8000 });
        await sleep(3000); // the second call's deadline passes meanwhile
        const head = smtp.mails.filter((m) => m.to.includes('head@example.com'));
        expect(head).toHaveLength(1);
        expect(head[0]?.subject).toMatch(/^Not called back for 1 min: \+7 495/);
        expect(head[0]?.text).toContain(`call ${open.id}`);
    });
});
