import { settleCallbacks } from './call-callbacks.js';
import { callFigures, isMissedRecord } from './call-figures.js';
import { extensionsOf, toCallRecord } from './call-record.js';
import { HOUR_MS, ReportCounters } from './report-counters.js';
const SCAN_PAGE = 200;
/** Calls of one number read either side of a journaled call to settle call-backs (bounds the cost for busy numbers). */
const NEARBY_MAX = 50;
export class InvalidCursorError extends Error {
    name = 'InvalidCursorError';
}
/**
 * The call journal in Redis: a hash per call, a sorted set by start time, and the same per phone, extension and
 * disposition. Each write also settles call-backs and replaces the call's contribution to the report counters, in
 * the same MULTI, so the counters always agree with the journal.
 */
export class CallJournal {
    redis;
    prefix;
    options;
    counters;
    callbackWindowMs;
    constructor(redis, prefix, options = {}) {
        this.redis = redis;
        this.prefix = prefix;
        this.options = options;
        this.counters = new ReportCounters(prefix);
        this.callbackWindowMs = options.callbackWindowMs ?? 24 * HOUR_MS;
    }
    key(...parts) {
        return [this.prefix, 'journal', ...parts].join(':');
    }
    /** Writes (or rewrites: idempotent) the record of an ended call, with the call-backs it settles. */
    async record(call, responsible, crm, why = null) {
        return (await this.recordSettling(call, responsible, crm, why)).record;
    }
    /** record(), also saying which missed calls this write leaves closed by this call (see CallbackSettlement.closed). */
    async recordSettling(call, responsible, crm, why = null) {
        const fresh = toCallRecord(call, responsible, crm, this.options.hours ?? null, this.options.minRingSec ?? 0);
        const settlement = settleCallbacks(fresh, await this.nearby(fresh), this.callbackWindowMs);
        const { record, marked } = settlement;
        const tx = this.redis.multi();
        for (const r of [record, ...marked])
            this.write(tx, r);
        if (why && this.options.trace) {
            this.options.trace.append(tx, record.id, 'log', [JSON.stringify({ kind: 'responsible', atMs: record.endedAtMs ?? record.startedAtMs, ...why })]);
        }
        for (const [err] of (await tx.exec()) ?? [])
            if (err)
                throw err;
        return settlement;
    }
    /** Closes a missed call by hand (the console's "done"): `by` the extension, or null; false when it is not an open missed call. */
    async closeByHand(id, by, atMs) {
        const record = await this.get(id);
        if (!record || record.calledBack || !isMissedRecord(record))
            return null;
        const closed = { ...record, calledBack: { atMs, by, callId: 'manual' } };
        const tx = this.redis.multi();
        this.write(tx, closed);
        for (const [err] of (await tx.exec()) ?? [])
            if (err)
                throw err;
        return closed;
    }
    write(tx, record) {
        const score = record.startedAtMs;
        const callKey = this.key('call', record.id);
        tx.hset(callKey, { json: JSON.stringify(record), direction: record.direction, disposition: record.disposition ?? '', startedAtMs: String(score) })
            .zadd(this.key('all'), score, record.id);
        if (record.externalNumber)
            tx.zadd(this.key('phone', record.externalNumber), score, record.id);
        for (const ext of extensionsOf(record))
            tx.zadd(this.key('ext', ext), score, record.id);
        if (record.disposition)
            tx.zadd(this.key('disp', record.disposition), score, record.id);
        this.counters.replace(tx, callKey, score, callFigures(record));
    }
    /**
     * The stored copy of this call and the calls of its number within the call-back window either side: the newest
     * NEARBY_MAX before it (missed calls it may call back) and the oldest NEARBY_MAX after it (calls that may call it back).
     */
    async nearby(r) {
        const ids = [];
        if (r.externalNumber !== null) {
            const index = this.key('phone', r.externalNumber);
            const [before, after] = await Promise.all([
                this.redis.zrevrangebyscore(index, r.startedAtMs, r.startedAtMs - this.callbackWindowMs, 'LIMIT', 0, NEARBY_MAX),
                this.redis.zrangebyscore(index, r.startedAtMs, r.startedAtMs + this.callbackWindowMs, 'LIMIT', 0, NEARBY_MAX),
            ]);
            ids.push(...new Set([...before, ...after]));
        }
        if (!ids.includes(r.id))
            ids.push(r.id);
        return this.records(ids);
    }
    /** Ids of the calls with this number, oldest first. */
    idsOfPhone(phone) {
        return this.redis.zrange(this.key('phone', phone), 0, '-1');
    }
    /** Ids of up to `limit` calls that started before `beforeMs`, oldest first. */
    idsBefore(beforeMs, limit) {
        return this.redis.zrangebyscore(this.key('all'), '-inf', `(${beforeMs}`, 'LIMIT', 0, limit);
    }
    /** Removes these calls and their index entries (the report counters keep their figures); how many were there. */
    async remove(ids) {
        const records = await this.records([...ids]);
        const tx = this.redis.multi();
        for (const id of ids)
            tx.del(this.key('call', id)).zrem(this.key('all'), id);
        for (const r of records) {
            if (r.externalNumber)
                tx.zrem(this.key('phone', r.externalNumber), r.id);
            for (const ext of extensionsOf(r))
                tx.zrem(this.key('ext', ext), r.id);
            if (r.disposition)
                tx.zrem(this.key('disp', r.disposition), r.id);
        }
        await tx.exec();
        return records.length;
    }
    async get(id) {
        const raw = await this.redis.hget(this.key('call', id), 'json');
        return raw === null ? null : JSON.parse(raw);
    }
    /** Newest first. Filters not served by the chosen index are applied while scanning. */
    async list(q = {}) {
        const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
        const index = this.indexFor(q);
        const from = q.cursor ? decodeCursor(q.cursor) : null;
        const items = [];
        let max = from ? String(from.score) : q.toMs !== undefined ? String(q.toMs) : '+inf';
        if (from && q.toMs !== undefined && q.toMs < from.score)
            max = String(q.toMs);
        const min = q.fromMs !== undefined ? String(q.fromMs) : '-inf';
        let offset = 0;
        let last = null;
        while (items.length < limit) {
            const ids = await this.redis.zrevrangebyscore(index, max, min, 'LIMIT', offset, SCAN_PAGE);
            offset += ids.length;
            for (const record of await this.records(ids)) {
                const pos = { score: record.startedAtMs, id: record.id };
                if (from && pos.score === from.score && pos.id >= from.id)
                    continue;
                if (!matches(record, q))
                    continue;
                items.push(record);
                last = pos;
                if (items.length === limit)
                    break;
            }
            if (ids.length < SCAN_PAGE && items.length < limit)
                return { items, nextCursor: null };
        }
        return { items, nextCursor: last ? encodeCursor(last) : null };
    }
    async records(ids) {
        if (ids.length === 0)
            return [];
        const pipe = this.redis.pipeline();
        for (const id of ids)
            pipe.hget(this.key('call', id), 'json');
        const replies = (await pipe.exec()) ?? [];
        return replies.flatMap(([, raw]) => (typeof raw === 'string' ? [JSON.parse(raw)] : []));
    }
    indexFor(q) {
        if (q.phone)
            return this.key('phone', q.phone);
        if (q.extension)
            return this.key('ext', q.extension);
        if (q.missed?.owner)
            return this.key('ext', q.missed.owner);
        if (q.disposition)
            return this.key('disp', q.disposition);
        return this.key('all');
    }
}
function matches(r, q) {
    if (q.phone && r.externalNumber !== q.phone)
        return false;
    if (q.extension && !extensionsOf(r).includes(q.extension))
        return false;
    if (q.missed && !matchesMissed(r, q.missed))
        return false;
    return !q.disposition || r.disposition === q.disposition;
}
function matchesMissed(r, q) {
    if (!isMissedRecord(r) || r.answeredAtMs !== null)
        return false;
    if (q.owner !== undefined && r.agent !== q.owner)
        return false;
    return q.open === undefined || q.open === !r.calledBack;
}
function encodeCursor(p) {
    return Buffer.from(JSON.stringify([p.score, p.id])).toString('base64url');
}
function decodeCursor(cursor) {
    try {
        const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string')
            return { score: v[0], id: v[1] };
    }
    catch { /* fall through */ }
    throw new InvalidCursorError('invalid cursor');
}
