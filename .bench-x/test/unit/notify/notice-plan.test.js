import { describe, expect, it } from 'vitest';
import { aCall, aRing } from '../../../harness/call-builders.js';
import { LineCalendar } from '../../../src/calls/line-calendar.js';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { toCallRecord } from '../../../src/journal/call-record.js';
import { dailyCron, deliveryMode, digestWindowEnd, notifyRetryDelayMs } from '../../../src/notify/delivery-plan.js';
import { classifySmtpFailure } from '../../../src/notify/mail-sender.js';
import { formatPhone, noticeOf } from '../../../src/notify/missed-notice.js';
import { recipientsOf, supervisorRecipients } from '../../../src/notify/notice-recipients.js';
import { summaryMessage } from '../../../src/notify/notice-text.js';
const ALL = { email: true, telegram: true, slack: true };
const rules = {
    extensions: { 201: { email: 'Anna@Example.com', telegramChatId: '111' } },
    lines: { '84951230000': { email: ['sales@example.com', 'anna@example.com'], telegramChatId: '-100222' } },
    supervisor: { email: 'head@example.com' },
};
const record = toCallRecord(aCall({ id: 'c1', line: '4951230000', externalNumber: '+74951234567', rang: [aRing('201', 2), aRing('202', 1)], disposition: 'missed', endedAtMs: 1_700_000_020_000 }), '201', null);
describe('who hears of a missed call', () => {
    it('the owner, the line in addition, Slack once; each address once', () => {
        expect(recipientsOf(record, rules, ALL)).toEqual([
            { channel: 'email', address: 'anna@example.com' }, { channel: 'telegram', address: '111' },
            { channel: 'email', address: 'sales@example.com' }, { channel: 'telegram', address: '-100222' }, { channel: 'slack', address: 'webhook' },
        ]);
    });
    it('only through the channels that are configured; the supervisor for escalations', () => {
        expect(recipientsOf({ ...record, agent: '209', line: '4950000000' }, rules, { email: true, telegram: false, slack: false })).toEqual([]);
        expect(supervisorRecipients(rules, ALL)).toEqual([{ channel: 'email', address: 'head@example.com' }]);
    });
});
describe('now or in a digest', () => {
    it('mails at once below the hourly limit, gathers from the limit on or with NOTIFY_DIGEST_MINUTES, never gathers chats', () => {
        expect(deliveryMode({ channel: 'email', sentLastHour: 19, hourlyLimit: 20, digestMinutes: 0 })).toBe('now');
        expect(deliveryMode({ channel: 'email', sentLastHour: 20, hourlyLimit: 20, digestMinutes: 0 })).toBe('digest');
        expect(deliveryMode({ channel: 'email', sentLastHour: 0, hourlyLimit: 20, digestMinutes: 10 })).toBe('digest');
        expect(deliveryMode({ channel: 'telegram', sentLastHour: 99, hourlyLimit: 20, digestMinutes: 10 })).toBe('now');
        expect(digestWindowEnd(Date.UTC(2026, 0, 1, 10, 7, 30), 15)).toBe(Date.UTC(2026, 0, 1, 10, 15));
        expect(digestWindowEnd(Date.UTC(2026, 0, 1, 10, 15), 15)).toBe(Date.UTC(2026, 0, 1, 10, 30));
    });
    it('retries exponentially to 10 minutes, honouring retry-after; runs the summary daily at HH:MM', () => {
        expect([1, 2, 3, 12].map((n) => notifyRetryDelayMs(n, 5000))).toEqual([5000, 10_000, 20_000, 600_000]);
        expect(notifyRetryDelayMs(1, 200, 3000)).toBe(3000);
        expect(dailyCron('08:05')).toBe('5 8 * * *');
    });
});
describe('what a notice says', () => {
    it('formats Russian numbers, counts the ring time, lists who it rang in order', () => {
        expect(formatPhone('+74951234567')).toBe('+7 495 123-45-67');
        expect(formatPhone('+31150010001')).toBe('+31150010001');
        const n = noticeOf({ ...record, ringDurationSec: null, startedAtMs: 1_700_000_000_000 }, '', null);
        expect(n).toMatchObject({ phone: '+7 495 123-45-67', client: null, rangSec: 20, rang: ['202', '201'], owner: '201', link: null });
    });
    it('sums up a day: missed, called back, open ones listed, short abandons apart', () => {
        const open = noticeOf(record, 'Romashka', 'https://b.example.com');
        const m = summaryMessage({ day: '2026-11-23', missed: 5, calledBack: 4, shortAbandons: 2, open: [open] }, 'UTC');
        expect(m.subject).toBe('Missed calls 2026-11-23: 5, 1 open');
        expect(m.text).toContain('Called back: 4');
        expect(m.text).toContain('Short abandons (not counted above): 2');
        expect(m.text).toContain('+7 495 123-45-67 (Romashka), line 4951230000, owner 201');
    });
});
describe('SMTP failures', () => {
    it('retries outages and 4xx, gives up on 5xx and refused credentials', () => {
        expect(classifySmtpFailure({ code: 'ESOCKET' })).toBeInstanceOf(RetryableError);
        expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 451 })).toBeInstanceOf(RetryableError);
        expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 550 })).toBeInstanceOf(PermanentError);
        expect(classifySmtpFailure({ code: 'EAUTH', responseCode: 535 })).toBeInstanceOf(PermanentError);
    });
});
describe('when a closed line opens', () => {
    const lines = new LineCalendar([{ dids: ['84951230000'], hours: { timeZone: 'Europe/Moscow', weekly: { mon: ['10:00-18:00'], tue: ['10:00-18:00'] }, holidays: ['2026-11-24'] } }], 'RU');
    it('is the next opening minute in the line\'s zone, skipping holidays; now when open; null for a line that never opens', () => {
        const mondayEarly = Date.parse('2026-11-23T06:02:29Z'); // 09:02 Moscow
        expect(lines.nextOpenAt('4951230000', mondayEarly)).toBe(Date.parse('2026-11-23T07:00:00Z'));
        expect(lines.nextOpenAt('4951230000', Date.parse('2026-11-23T08:00:00Z'))).toBe(Date.parse('2026-11-23T08:00:00Z'));
        expect(lines.nextOpenAt('4951230000', Date.parse('2026-11-23T16:00:00Z'))).toBe(Date.parse('2026-11-30T07:00:00Z'));
        expect(lines.nextOpenAt('74990000000', mondayEarly)).toBe(mondayEarly);
        const never = new LineCalendar([{ dids: ['*'], hours: { timeZone: 'UTC', weekly: {}, holidays: [] } }], 'RU');
        expect(never.nextOpenAt('1', mondayEarly, 86_400_000)).toBeNull();
    });
});
