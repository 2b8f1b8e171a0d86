import { describe, expect, it } from 'vitest';
import { LineCalendar } from '../../../src/calls/line-calendar.js';
import { CallJournal, InvalidCursorError } from '../../../src/journal/call-journal.js';
import { aCall, aRing } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const T0 = 1_700_000_000_000;
async function filled() {
    const journal = new CallJournal(testRedis(), uniquePrefix());
    for (let i = 0; i < 7; i += 1) {
        const answered = i % 2 === 0;
        await journal.record(aCall({
            id: `c${i}`, startedAtMs: T0 + Math.floor(i / 2) * 1000, externalNumber: i < 4 ? '+74951000001' : '+74951000002',
            rang: [aRing(i % 3 === 0 ? '201' : '202')], answeredBy: answered ? '202' : null, disposition: answered ? 'answered' : 'missed',
            endedAtMs: T0 + 10_000,
        }), answered ? '202' : '201', { adapter: 'local', crmCallId: `x${i}`, entity: null });
    }
    return journal;
}
describe('CallJournal', () => {
    it('lists newest first and pages with an opaque cursor, ties included', async () => {
        const journal = await filled();
        const seen = [];
        let cursor = null;
        do {
            const page = await journal.list({ limit: 2, cursor });
            seen.push(...page.items.map((r) => r.id));
            cursor = page.nextCursor;
        } while (cursor !== null);
        expect(seen).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    });
    it('filters by phone, extension, disposition and time', async () => {
        const journal = await filled();
        expect((await journal.list({ phone: '+74951000002' })).items.map((r) => r.id)).toEqual(['c6', 'c5', 'c4']);
        expect((await journal.list({ disposition: 'missed' })).items.map((r) => r.id)).toEqual(['c5', 'c3', 'c1']);
        expect((await journal.list({ extension: '201' })).items.map((r) => r.id)).toEqual(['c6', 'c5', 'c3', 'c1', 'c0']); // rang, or agent
        expect((await journal.list({ phone: '+74951000001', disposition: 'answered' })).items.map((r) => r.id)).toEqual(['c2', 'c0']);
        expect((await journal.list({ fromMs: T0 + 1000, toMs: T0 + 2000 })).items.map((r) => r.id)).toEqual(['c5', 'c4', 'c3', 'c2']);
    });
    it('gets one record with its agent and CRM reference; rewriting it is idempotent', async () => {
        const journal = await filled();
        expect(await journal.get('c1')).toMatchObject({ id: 'c1', agent: '201', disposition: 'missed', crm: { adapter: 'local', crmCallId: 'x1' } });
        expect(await journal.get('nope')).toBeNull();
        const again = await journal.get('c1');
        if (!again)
            throw new Error('missing');
        await journal.record(aCall({ ...again, linkedIds: ['c1'], crmCallId: null }), '201', again.crm);
        expect((await journal.list({})).items).toHaveLength(7);
    });
    it('rejects a cursor it did not make', async () => {
        const journal = await filled();
        await expect(journal.list({ cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
});
describe('CallJournal with line working hours', () => {
    const monday = (hhmm) => Date.parse(`2026-12-07T${hhmm}:00+03:00`);
    const hours = new LineCalendar([{ dids: ['84951230000'], hours: { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'] }, holidays: [] } }], 'RU');
    it('marks a missed inbound call out of hours, and no answered, in-hours, outbound or other-line call', async () => {
        const journal = new CallJournal(testRedis(), uniquePrefix(), { hours });
        const call = (id, startedAtMs, extra = {}) => journal.record(aCall({
            id, startedAtMs, endedAtMs: startedAtMs + 20_000, direction: 'inbound', line: '4951230000', answeredBy: null, answeredAtMs: null,
            disposition: 'missed', ...extra,
        }), null, null);
        expect(await call('night', monday('20:00'))).toMatchObject({ outOfHours: true });
        expect(await call('day', monday('10:00'))).not.toHaveProperty('outOfHours');
        expect(await call('answered', monday('20:00'), { answeredBy: '201', answeredAtMs: monday('20:00') + 5000, disposition: 'answered' })).not.toHaveProperty('outOfHours');
        expect(await call('outbound', monday('20:00'), { direction: 'outbound' })).not.toHaveProperty('outOfHours');
        expect(await call('other-line', monday('20:00'), { line: '4959999999' })).not.toHaveProperty('outOfHours');
        expect(await journal.get('night')).toMatchObject({ outOfHours: true });
    });
});
