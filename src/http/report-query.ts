import { HttpError } from './http-error.js';

/** How a report's period is read: the journal side's parsing and limits (CallReports, report-period). */
export interface ReportPeriodRules {
  /** A `from`/`to` value read in tz → UTC ms, null when it is no ISO 8601 date or date-time. */
  parseTime(value: string, tz: string): number | null;
  isTimeZone(tz: string): boolean;
  readonly defaultTz: string;
  readonly maxDays: number;
}

/** The period `from`–`to` (to exclusive) read in `tz` (default: the deployment's), or a 400 saying what is wrong. */
export function reportQuery(rules: ReportPeriodRules, q: { from: string; to: string; tz?: string | undefined }): { fromMs: number; toMs: number; tz: string } {
  const tz = q.tz ?? rules.defaultTz;
  if (!rules.isTimeZone(tz)) throw new HttpError(400, 'invalid_request', 'tz is not a known IANA time zone');
  const fromMs = rules.parseTime(q.from, tz);
  const toMs = rules.parseTime(q.to, tz);
  if (fromMs === null || toMs === null) throw new HttpError(400, 'invalid_request', 'from and to must be ISO 8601 dates or date-times');
  if (fromMs >= toMs) throw new HttpError(400, 'invalid_request', 'from must be before to');
  if (toMs - fromMs > rules.maxDays * 86_400_000) throw new HttpError(400, 'invalid_request', `a report covers at most ${rules.maxDays} days`);
  return { fromMs, toMs, tz };
}
