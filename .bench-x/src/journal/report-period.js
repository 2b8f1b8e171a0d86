/** Report periods: `from`/`to` (ISO 8601 date or date-time) read in an IANA time zone, as UTC milliseconds. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;
const formatters = new Map();
function formatter(tz) {
    let f = formatters.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        });
        formatters.set(tz, f);
    }
    return f;
}
/** Whether `tz` is an IANA time zone this runtime knows (`UTC`, `Europe/Moscow`, …). */
export function isTimeZone(tz) {
    try {
        formatter(tz);
        return true;
    }
    catch {
        return false;
    }
}
/** The wall clock of `tz` at `utcMs`, read as if it were UTC (so `result - utcMs` is the zone's offset). */
function wallClockMs(tz, utcMs) {
    const parts = {};
    for (const p of formatter(tz).formatToParts(new Date(utcMs)))
        if (p.type !== 'literal')
            parts[p.type] = Number(p.value);
    const get = (k) => parts[k] ?? 0;
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}
/** The zone's offset from UTC at `utcMs`, in ms (Moscow: +3 h). */
export function offsetMs(tz, utcMs) {
    return wallClockMs(tz, Math.floor(utcMs / 1000) * 1000) - Math.floor(utcMs / 1000) * 1000;
}
/** The hour of the day (0–23) in `tz` at `utcMs`. */
export function localHour(tz, utcMs) {
    return new Date(utcMs + offsetMs(tz, utcMs)).getUTCHours();
}
/** A wall-clock time of `tz` (given as UTC fields) → the UTC instant; a time skipped by DST moves forward by the gap. */
function fromWallClock(tz, wallMs) {
    const first = wallMs - offsetMs(tz, wallMs);
    return wallMs - offsetMs(tz, first);
}
/**
 * Parses `from`/`to`: a date (`2026-03-01`, midnight in tz), a local date-time (`2026-03-01T09:30`, in tz) or a
 * date-time with an offset or `Z` (that instant). Null when it is none of these.
 */
export function parseReportTime(value, tz) {
    if (ZONED.test(value)) {
        const ms = Date.parse(value);
        return Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? ms : null;
    }
    const d = DATE.exec(value) ?? LOCAL_DATE_TIME.exec(value);
    if (!d)
        return null;
    const n = (i) => Number(d[i] ?? 0);
    const wall = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), Number((d[7] ?? '0').padEnd(3, '0')));
    const check = new Date(wall);
    if (check.getUTCFullYear() !== n(1) || check.getUTCMonth() !== n(2) - 1 || check.getUTCDate() !== n(3) || n(4) > 23 || n(5) > 59 || n(6) > 59)
        return null;
    return fromWallClock(tz, wall);
}
const HOUR = 3_600_000;
const OFFSET_CACHE_MAX = 200_000;
const hourOffsetCache = new Map();
let cachedOffsets = 0;
/**
 * The zone's offset (ms) at the start of each UTC hour in [h0, h1) (hours since the epoch). Remembered per zone and
 * hour (a past hour's offset never changes; a few hundred thousand entries at most), as Intl costs microseconds a call.
 */
export function hourOffsets(tz, h0, h1) {
    let cache = hourOffsetCache.get(tz);
    if (!cache) {
        cache = new Map();
        hourOffsetCache.set(tz, cache);
    }
    const out = [];
    for (let h = h0; h < h1; h += 1) {
        let off = cache.get(h);
        if (off === undefined) {
            if (cachedOffsets >= OFFSET_CACHE_MAX) {
                hourOffsetCache.clear();
                cachedOffsets = 0;
                hourOffsetCache.set(tz, cache = new Map());
            }
            off = offsetMs(tz, h * HOUR);
            cache.set(h, off);
            cachedOffsets += 1;
        }
        out.push(off);
    }
    return out;
}
/** The local hour of day (0–23) at the start of a UTC hour, given that hour's UTC hour of day and the zone's offset then. */
export function localHourOf(utcHourOfDay, offset) {
    const day = 24 * HOUR;
    return Math.floor((((utcHourOfDay * HOUR + offset) % day) + day) % day / HOUR);
}
