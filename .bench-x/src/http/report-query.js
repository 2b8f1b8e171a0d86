import { HttpError } from './http-error.js';
/** The period `from`–`to` (to exclusive) read in `tz` (default: the deployment's), or a 400 saying what is wrong. */
export function reportQuery(rules, q) {
    const tz = q.tz ?? rules.defaultTz;
    if (!rules.isTimeZone(tz))
        throw new HttpError(400, 'invalid_request', 'tz is not a known IANA time zone');
    const fromMs = rules.parseTime(q.from, tz);
    const toMs = rules.parseTime(q.to, tz);
    if (fromMs === null || toMs === null)
        throw new HttpError(400, 'invalid_request', 'from and to must be ISO 8601 dates or date-times');
    if (fromMs >= toMs)
        throw new HttpError(400, 'invalid_request', 'from must be before to');
    if (toMs - fromMs > rules.maxDays * 86_400_000)
        throw new HttpError(400, 'invalid_request', `a report covers at most ${rules.maxDays} days`);
    return { fromMs, toMs, tz };
}
