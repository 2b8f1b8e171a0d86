import { describe, expect, it } from 'vitest';
import { LineCalendar } from '../../../src/calls/line-calendar.js';
import { WorkingCalendar } from '../../../src/calls/working-hours.js';
/** Moscow is UTC+3 all year: 2026-12-07 is a Monday. */
const msk = (local) => Date.parse(`${local}+03:00`);
const OFFICE = {
    timeZone: 'Europe/Moscow',
    weekly: { mon: ['09:00-13:00', '14:00-18:00'], tue: ['09:00-18:00'], fri: ['22:00-06:00'], sat: ['10:00-24:00'] },
    holidays: ['2026-12-08'],
};
describe('WorkingCalendar', () => {
    const cal = new WorkingCalendar(OFFICE);
    it.each([
        ['2026-12-07T09:00:00', true], ['2026-12-07T08:59:59', false], ['2026-12-07T12:59:00', true], ['2026-12-07T13:30:00', false],
        ['2026-12-07T17:59:00', true], ['2026-12-07T18:00:00', false], ['2026-12-09T10:00:00', false], ['2026-12-13T10:00:00', false],
        ['2026-12-12T23:59:00', true], ['2026-12-13T00:00:00', false],
    ])('at %s Moscow time the line is open: %s', (local, open) => {
        expect(cal.isOpenAt(msk(local))).toBe(open);
    });
    it('reads the instant in the line\'s time zone, not the process\'s', () => {
        const ny = new WorkingCalendar({ timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'] }, holidays: [] });
        expect(ny.isOpenAt(Date.parse('2026-12-07T14:30:00Z'))).toBe(true); // 09:30 in New York (UTC-5)
        expect(ny.isOpenAt(Date.parse('2026-12-07T13:30:00Z'))).toBe(false); // 08:30 there
    });
    it('runs a range whose end is before its start past midnight into the next day', () => {
        expect(cal.isOpenAt(msk('2026-12-11T23:00:00'))).toBe(true); // Friday 23:00
        expect(cal.isOpenAt(msk('2026-12-12T05:59:00'))).toBe(true); // Saturday 05:59, from Friday's range
        expect(cal.isOpenAt(msk('2026-12-12T06:00:00'))).toBe(false);
        expect(cal.isOpenAt(msk('2026-12-11T21:59:00'))).toBe(false);
    });
    it('closes a holiday all day, including a previous evening\'s range running into it, and its own overnight range', () => {
        expect(cal.isOpenAt(msk('2026-12-08T10:00:00'))).toBe(false); // Tuesday, a holiday
        const eve = new WorkingCalendar({ timeZone: 'Europe/Moscow', weekly: { thu: ['20:00-02:00'], fri: ['20:00-02:00'] }, holidays: ['2026-12-11'] });
        expect(eve.isOpenAt(msk('2026-12-10T21:00:00'))).toBe(true); // Thursday evening
        expect(eve.isOpenAt(msk('2026-12-11T01:00:00'))).toBe(false); // into Friday, the holiday
        expect(eve.isOpenAt(msk('2026-12-11T21:00:00'))).toBe(false); // the holiday's own evening
        expect(eve.isOpenAt(msk('2026-12-12T01:00:00'))).toBe(false); // and its spill into Saturday
    });
});
describe('LineCalendar', () => {
    const lines = new LineCalendar([
        { dids: ['84951230000'], hours: OFFICE },
        { dids: ['*'], hours: { timeZone: 'Europe/Moscow', weekly: {}, holidays: [] } },
    ], 'RU');
    it('finds a line by its DID in any format', () => {
        const monday = msk('2026-12-07T10:00:00');
        for (const did of ['84951230000', '+74951230000', '74951230000', '8 (495) 123-00-00'])
            expect(lines.isOpenAt(did, monday)).toBe(true);
    });
    it('uses the * line for every other DID and for an unknown one', () => {
        expect(lines.isOpenAt('84959999999', msk('2026-12-07T10:00:00'))).toBe(false);
        expect(lines.isOpenAt(null, msk('2026-12-07T10:00:00'))).toBe(false);
        expect(lines.lineOf('s')?.dids).toEqual(['*']);
    });
    it('keeps a line without configured hours open', () => {
        const none = new LineCalendar([{ dids: ['84951230000'], hours: OFFICE }], 'RU');
        expect(none.isOpenAt('84950000001', msk('2026-12-13T03:00:00'))).toBe(true);
        expect(none.lineOf('84950000001')).toBeNull();
        expect(new LineCalendar([], 'RU').isEmpty).toBe(true);
    });
});
