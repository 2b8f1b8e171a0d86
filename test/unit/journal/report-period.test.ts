import { describe, expect, it } from 'vitest';
import { planBuckets } from '../../../src/journal/call-reports.js';
import { localHour, parseReportTime } from '../../../src/journal/report-period.js';

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
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-03-01T25:00', '1700000000']) expect(parseReportTime(bad, 'UTC'), bad).toBeNull();
  });

  it('names the local hour of an instant', () => {
    expect(localHour('Europe/Moscow', Date.UTC(2026, 2, 1, 22))).toBe(1);
    expect(localHour('America/New_York', Date.UTC(2026, 6, 1, 3))).toBe(23);
    expect(localHour('Asia/Kolkata', Date.UTC(2026, 2, 1, 10))).toBe(15); // 15:30: the hour it starts in
  });

  it('covers a period with whole UTC days inside and UTC hours at the edges, each hour once', () => {
    const from = Date.UTC(2026, 2, 1, 21);      // 2026-03-02 00:00 Moscow
    const to = Date.UTC(2026, 2, 5, 21);        // 2026-03-06 00:00 Moscow
    const plan = planBuckets(from, to, true);
    expect(plan.days).toEqual([1, 2, 3].map((d) => Date.UTC(2026, 2, 2 + d - 1) / (24 * H)));
    expect(plan.hours).toHaveLength(3 + 21);
    const covered = [...plan.hours, ...plan.days.flatMap((d) => Array.from({ length: 24 }, (_, i) => d * 24 + i))].sort((a, b) => a - b);
    expect(covered).toEqual(Array.from({ length: (to - from) / H }, (_, i) => from / H + i));
    expect(planBuckets(from, from + 5 * H, true)).toEqual({ hours: [0, 1, 2, 3, 4].map((i) => from / H + i), days: [] });
    expect(planBuckets(from, to, false).hours).toHaveLength(96);
  });

  it('moves the bounds of a half-hour zone back to the start of their UTC hour', () => {
    const from = parseReportTime('2026-03-01', 'Asia/Kolkata') ?? 0;   // 2026-02-28T18:30Z
    const plan = planBuckets(from, from + 24 * H, true);
    expect(Math.min(...plan.hours) * H).toBe(Date.UTC(2026, 1, 28, 18));
  });
});
