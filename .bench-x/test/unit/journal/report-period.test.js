import { describe, expect, it } from 'vitest';
import { BLOCK_FANOUT, BLOCK_LEVELS, blockHours, parts, planBlocks } from '../../../src/journal/report-blocks.js';
import { periodHours } from '../../../src/journal/call-reports.js';
import { hourOffsets, localHour, localHourOf, parseReportTime } from '../../../src/journal/report-period.js';
const H = 3_600_000;
describe('report periods', () => {
    it('reads dates and local date-times in the time zone, and instants with an offset as they are', () => {
        expect(parseReportTime('2026-03-01', 'Europe/Moscow')).toBe(Date.UTC(2026, 1, 28, 21));
        expect(parseReportTime('2026-03-01T09:30', 'Europe/Moscow')).toBe(Date.UTC(2026, 2, 1, 6, 30));
        expect(parseReportTime('2026-03-01T09:30:15.5', 'UTC')).toBe(Date.UTC(2026, 2, 1, 9, 30, 15, 500));
        expect(parseReportTime('2026-03-01T09:30:00+05:00', 'Europe/Moscow')).toBe(Date.UTC(2026, 2, 1, 4, 30));
        expect(parseReportTime('2026-03-01T09:30Z', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 1, 9, 30));
        // a DST change: Berlin is UTC+1 before 29 March 2026 and UTC+2 after
        expect(parseReportTime('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
        expect(parseReportTime('2026-03-30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
        for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-03-01T25:00', '1700000000'])
            expect(parseReportTime(bad, 'UTC'), bad).toBeNull();
    });
    it('names the local hour of an instant', () => {
        expect(localHour('Europe/Moscow', Date.UTC(2026, 2, 1, 22))).toBe(1);
        expect(localHour('America/New_York', Date.UTC(2026, 6, 1, 3))).toBe(23);
        expect(localHour('Asia/Kolkata', Date.UTC(2026, 2, 1, 10))).toBe(15); // 15:30: the hour it starts in
    });
    it('covers a period with pre-summed blocks of UTC hours, each hour once', () => {
        const from = Date.UTC(2026, 2, 1, 21); // 2026-03-02 00:00 Moscow
        const to = Date.UTC(2026, 2, 5, 21); // 2026-03-06 00:00 Moscow
        const [h0, h1] = periodHours(from, to);
        const blocks = planBlocks(h0, h1);
        expect(BLOCK_FANOUT).toBe(2);
        expect(blocks.length).toBeLessThan(10);
        const covered = blocks.flatMap((b) => { const [a, e] = blockHours(b); return Array.from({ length: e - a }, (_, i) => a + i); });
        expect(covered).toEqual(Array.from({ length: (to - from) / H }, (_, i) => from / H + i));
        // with the fan-out of 2: 5 | 6–7 | 8–15 | 16–19 | 20
        expect(planBlocks(5, 21)).toEqual([{ level: 0, index: 5 }, { level: 1, index: 3 }, { level: 3, index: 1 }, { level: 2, index: 4 }, { level: 0, index: 20 }]);
        expect(planBlocks(0, 2 ** 6 + 1)).toEqual([{ level: 6, index: 0 }, { level: 0, index: 64 }]);
        expect(planBlocks(7, 7)).toEqual([]);
    });
    it('covers any range of hours exactly with aligned blocks, at most 2·(fan-out − 1) per level below the top', () => {
        let seed = 11;
        const r = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31; };
        for (let i = 0; i < 300; i += 1) {
            const h0 = 480_000 + Math.floor(r() * 20_000);
            const h1 = h0 + Math.floor(r() * 10_000);
            const blocks = planBlocks(h0, h1);
            let next = h0;
            for (const b of blocks) {
                const [a, e] = blockHours(b);
                expect(a).toBe(next);
                expect(e - a).toBe(BLOCK_FANOUT ** b.level);
                expect(a % BLOCK_FANOUT ** b.level).toBe(0);
                next = e;
            }
            expect(next).toBe(h1);
            for (let level = 0; level < BLOCK_LEVELS; level += 1)
                expect(blocks.filter((b) => b.level === level).length).toBeLessThanOrEqual(2 * (BLOCK_FANOUT - 1));
        }
        const size = BLOCK_FANOUT ** 3;
        const part = size / BLOCK_FANOUT;
        expect(parts({ level: 3, index: 7 }).flatMap((p) => blockHours(p)))
            .toEqual(Array.from({ length: BLOCK_FANOUT }, (_, q) => [7 * size + q * part, 7 * size + (q + 1) * part]).flat());
    });
    it('moves the bounds of a half-hour zone back to the start of their UTC hour', () => {
        const from = parseReportTime('2026-03-01', 'Asia/Kolkata') ?? 0; // 2026-02-28T18:30Z
        const [h0, h1] = periodHours(from, from + 24 * H);
        expect(h0 * H).toBe(Date.UTC(2026, 1, 28, 18));
        expect(h1 - h0).toBe(24);
    });
    it('maps a UTC hour of day to the local hour with the offset, as localHour does', () => {
        for (const tz of ['Europe/Moscow', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
            const h0 = Date.UTC(2026, 2, 1) / H;
            const offsets = hourOffsets(tz, h0, h0 + 24 * 60);
            offsets.forEach((off, i) => expect(localHourOf((h0 + i) % 24, off)).toBe(localHour(tz, (h0 + i) * H)));
        }
    });
});
