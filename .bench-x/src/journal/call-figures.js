/**
 * The upper edge (seconds) of the histogram bucket of an answer wait: 5 s wide up to 60 s, 15 s up to 180 s, 60 s up
 * to 600 s, 300 s beyond. A bucket holds waits in (edge - width, edge]; a wait of 0 is bucket 0. Few buckets keep the
 * counters small (a report reads every field of its hashes); p90 and the answered-within share are exact to them.
 */
export function waitBucketEdgeSec(waitMs) {
    const sec = Math.max(0, waitMs) / 1000;
    if (sec <= 60)
        return Math.ceil(sec / 5) * 5;
    if (sec <= 180)
        return Math.ceil(sec / 15) * 15;
    if (sec <= 600)
        return Math.ceil(sec / 60) * 60;
    return Math.ceil(sec / 300) * 300;
}
export const WAIT_FIELD_PREFIX = 'w';
/** Nobody answered an inbound call: busy, no answer, abandoned (any inbound outcome other than answered). */
export function isMissedRecord(r) {
    return r.direction === 'inbound' && r.disposition !== 'answered';
}
/** The wait before an answered inbound call was answered, in ms; null for any other call. */
export function answerWaitMs(r) {
    if (r.direction !== 'inbound' || r.disposition !== 'answered' || r.answeredAtMs === null)
        return null;
    return Math.max(0, r.answeredAtMs - r.startedAtMs);
}
const EXTENSION = /^\d{1,9}$/;
/**
 * What one journaled call adds to the report counters (internal calls add nothing). Inbound: in, answered (ans, the
 * wait sum `ws` in ms and its histogram bucket) or missed (mis, and `mo` while not called back). Outbound: out. Talk
 * time (`talk`, whole seconds, with `tk` calls that talked) covers answered inbound and outbound calls. A call counts
 * once per dimension: for the operator the journal names as its agent, its line, its queue, and the total.
 */
export function callFigures(r) {
    if (r.direction === 'internal')
        return [];
    const metrics = new Map();
    const add = (field, n = 1) => metrics.set(field, (metrics.get(field) ?? 0) + n);
    const answered = r.disposition === 'answered';
    if (r.direction === 'inbound') {
        add('in');
        if (answered) {
            add('ans');
            const wait = answerWaitMs(r);
            if (wait !== null) {
                add('ws', Math.round(wait));
                add(`${WAIT_FIELD_PREFIX}${waitBucketEdgeSec(wait)}`);
            }
        }
        else {
            add('mis');
            if (!r.calledBack)
                add('mo');
        }
    }
    else {
        add('out');
    }
    if (answered) {
        add('tk');
        add('talk', Math.round(r.talkDurationSec ?? 0));
    }
    const keys = [
        ['op', r.agent !== null && EXTENSION.test(r.agent) ? r.agent : null], ['line', r.line], ['queue', r.queue], ['all', ''],
    ];
    const out = [];
    for (const [dim, key] of keys) {
        if (key === null || (dim !== 'all' && key === ''))
            continue;
        for (const [field, n] of metrics)
            if (n !== 0)
                out.push({ dim, key, field, n });
    }
    return out;
}
