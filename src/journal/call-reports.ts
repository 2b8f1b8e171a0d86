import type { Redis } from 'ioredis';
import type { FigureDimension } from './call-figures.js';
import { HOUR_MS, type ReportCounters } from './report-counters.js';
import { localHour } from './report-period.js';
import { hasCalls, reportFigures, type Counters, type ReportFigures } from './report-rows.js';

export type ReportKind = 'operators' | 'lines' | 'queues' | 'hours';

export interface ReportQuery {
  readonly fromMs: number;
  readonly toMs: number;   // exclusive
  readonly tz: string;
}

export type ReportRow = Record<string, string | number | null>;

/** The columns of each report, in order (JSON rows and CSV alike). */
const FIGURE_COLUMNS: ReadonlyArray<keyof ReportFigures> = [
  'inbound', 'answered', 'missed', 'missedOpen', 'outbound', 'talkSec', 'talkMeanSec', 'answerWaitMeanSec', 'answerWaitP90Sec', 'answeredWithinShare',
];
export const REPORT_COLUMNS: Readonly<Record<ReportKind, readonly string[]>> = {
  operators: ['extension', 'name', ...FIGURE_COLUMNS],
  lines: ['line', ...FIGURE_COLUMNS],
  queues: ['queue', ...FIGURE_COLUMNS],
  hours: ['hour', ...FIGURE_COLUMNS],
};

/** The longest period one report covers. */
export const REPORT_MAX_DAYS = 400;

export interface BucketPlan {
  readonly hours: readonly number[];
  readonly days: readonly number[];
}

/**
 * Which counters cover [fromMs, toMs): UTC days wholly inside, UTC hours at the edges. Bounds are taken down to
 * their UTC hour, so a period in a zone with a whole-hour offset (DST included) is exact; in a zone offset by a half
 * or quarter hour (Asia/Kolkata, Asia/Kathmandu) both ends move back to the start of their UTC hour (by 30 or 45 min).
 */
export function planBuckets(fromMs: number, toMs: number, daysToo: boolean): BucketPlan {
  const h0 = Math.floor(fromMs / HOUR_MS);
  const h1 = Math.floor(toMs / HOUR_MS);
  const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
  const d0 = Math.ceil(h0 / 24);
  const d1 = Math.floor(h1 / 24);
  if (!daysToo || d0 >= d1) return { hours: range(h0, h1), days: [] };
  return { hours: [...range(h0, d0 * 24), ...range(d1 * 24, h1)], days: range(d0, d1) };
}

const DIMENSION: Readonly<Record<Exclude<ReportKind, 'hours'>, FigureDimension>> = { operators: 'op', lines: 'line', queues: 'queue' };

function addInto(target: Map<string, Counters>, key: string, metric: string, n: number): void {
  let row = target.get(key);
  if (!row) { row = new Map(); target.set(key, row); }
  row.set(metric, (row.get(metric) ?? 0) + n);
}

/** Reports from the counters: O(days + edge hours) hashes read, never a scan of calls. */
export class CallReports {
  constructor(
    private readonly redis: Redis,
    private readonly counters: ReportCounters,
    private readonly withinSec: number,
    private readonly operatorName: (extension: string) => string | null = () => null,
  ) {}

  async rows(kind: ReportKind, q: ReportQuery): Promise<ReportRow[]> {
    if (kind === 'hours') return this.hours(q);
    const dim = DIMENSION[kind];
    const plan = planBuckets(q.fromMs, q.toMs, true);
    const keys = [...plan.hours.map((h) => this.counters.hourKey(h, dim)), ...plan.days.map((d) => this.counters.dayKey(d, dim))];
    const sums = new Map<string, Counters>();
    for (const hash of await this.counters.read(this.redis, keys)) {
      for (const [field, value] of Object.entries(hash)) {
        const bar = field.indexOf('|');
        if (bar > 0) addInto(sums, field.slice(bar + 1), field.slice(0, bar), Number(value));
      }
    }
    const keysSorted = [...sums.keys()].filter((k) => hasCalls(sums.get(k) ?? new Map()))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return keysSorted.map((key) => {
      const figures = reportFigures(sums.get(key) ?? new Map(), this.withinSec);
      if (kind === 'operators') return { extension: key, name: this.operatorName(key), ...figures };
      return kind === 'lines' ? { line: key, ...figures } : { queue: key, ...figures };
    });
  }

  /** One row per hour of the day (0–23) in tz, every hour listed; a UTC hour counts for the local hour it starts in. */
  private async hours(q: ReportQuery): Promise<ReportRow[]> {
    const { hours } = planBuckets(q.fromMs, q.toMs, false);
    const hashes = await this.counters.read(this.redis, hours.map((h) => this.counters.hourKey(h, 'all')));
    const sums = new Map<string, Counters>();
    hashes.forEach((hash, i) => {
      const local = String(localHour(q.tz, (hours[i] ?? 0) * HOUR_MS));
      for (const [field, value] of Object.entries(hash)) addInto(sums, local, field, Number(value));
    });
    return Array.from({ length: 24 }, (_, hour) => ({ hour, ...reportFigures(sums.get(String(hour)) ?? new Map(), this.withinSec) }));
  }
}
