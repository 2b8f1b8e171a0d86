import { WAIT_FIELD_PREFIX } from './call-figures.js';
const round = (x, places) => Math.round(x * 10 ** places) / 10 ** places;
/**
 * The 90th percentile wait from the histogram (nearest rank: the smallest wait ≥ 90 % of the waits), as the upper
 * edge of its bucket: exact to the bucket width (5 s up to 60 s, 15 s to 180 s, 60 s to 600 s, 300 s beyond).
 */
export function p90FromHistogram(histogram) {
    const edges = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
    const count = edges.reduce((sum, [, n]) => sum + n, 0);
    if (count === 0)
        return null;
    const rank = Math.ceil(0.9 * count);
    let seen = 0;
    for (const [edge, n] of edges) {
        seen += n;
        if (seen >= rank)
            return edge;
    }
    return edges.at(-1)?.[0] ?? null;
}
function histogramOf(c) {
    const h = new Map();
    for (const [field, n] of c) {
        if (field.startsWith(WAIT_FIELD_PREFIX) && /^\d+$/.test(field.slice(WAIT_FIELD_PREFIX.length)))
            h.set(Number(field.slice(WAIT_FIELD_PREFIX.length)), n);
    }
    return h;
}
/** Row figures from counters; `withinSec`: REPORT_ANSWERED_WITHIN_SEC (a histogram edge, so the share is exact). */
export function reportFigures(c, withinSec) {
    const get = (k) => c.get(k) ?? 0;
    const histogram = histogramOf(c);
    let waits = 0;
    let within = 0;
    for (const [edge, n] of histogram) {
        waits += n;
        if (edge <= withinSec)
            within += n;
    }
    const inbound = get('in');
    return {
        inbound, answered: get('ans'), missed: get('mis'), missedOpen: get('mo'), outbound: get('out'), talkSec: get('talk'),
        talkMeanSec: get('tk') > 0 ? round(get('talk') / get('tk'), 1) : null,
        answerWaitMeanSec: waits > 0 ? round(get('ws') / waits / 1000, 1) : null,
        answerWaitP90Sec: p90FromHistogram(histogram),
        answeredWithinShare: inbound > 0 ? round(within / inbound, 4) : null,
    };
}
/** Whether a summed row has any call (counters of calls that left by erasure or a rewrite can sum to zero). */
export function hasCalls(c) {
    return (c.get('in') ?? 0) + (c.get('out') ?? 0) > 0;
}
/** CSV (RFC 4180) of rows with these columns, in this order; null is an empty cell. */
export function toCsv(columns, rows) {
    const cell = (v) => {
        if (v === null || v === undefined)
            return '';
        const s = String(v);
        return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
