import { readEntries } from './trace-entries.js';
export const DEFAULT_TRACE_LIMITS = { ttlSec: 72 * 3600, maxEntries: 400 };
const MERGE_DEPTH_MAX = 5;
/**
 * Per-call traces in Redis, `<prefix>:trace:<callId>:ami` and `:log`: bounded lists (the first maxEntries entries)
 * with a TTL, so they cost nothing once the call is old. Writers append inside their own MULTI (append) or alone (add).
 */
export class CallTraceStore {
    redis;
    prefix;
    limits;
    constructor(redis, prefix, limits = DEFAULT_TRACE_LIMITS) {
        this.redis = redis;
        this.prefix = prefix;
        this.limits = limits;
    }
    key(callId, list) {
        return `${this.prefix}:trace:${callId}:${list}`;
    }
    /**
     * Queues the chunks on `tx` (each one element: one or more entries, each its JSON and a newline; a lone JSON is one
     * entry too): appended and, with `bound`, the list bounded and its TTL renewed. Writers keep a call's first
     * maxEntries entries (TraceBuffer counts them); the list's bound in elements is the backstop, and read() gives the
     * first maxEntries.
     */
    append(tx, callId, list, chunks, bound = true) {
        if (chunks.length === 0)
            return;
        const key = this.key(callId, list);
        tx.rpush(key, ...chunks);
        if (bound)
            tx.ltrim(key, 0, this.limits.maxEntries - 1).expire(key, this.limits.ttlSec);
    }
    /** Appends one entry on its own (CRM requests: off the AMI path). */
    async add(callId, entry) {
        const tx = this.redis.multi();
        this.append(tx, callId, 'log', [JSON.stringify(entry)]);
        await tx.exec();
    }
    /** The trace of a call and of the calls merged into it; null when nothing is kept for it. */
    async read(callId) {
        const ids = [callId];
        const ami = [];
        const log = [];
        for (let i = 0; i < ids.length && i < MERGE_DEPTH_MAX * 4; i += 1) {
            const id = ids[i] ?? '';
            const [events, decisions] = await Promise.all([this.list(id, 'ami'), this.list(id, 'log')]);
            ami.push(...events);
            for (const d of decisions) {
                log.push(d);
                if (d.kind === 'merged-from' && typeof d['callId'] === 'string' && !ids.includes(d['callId']))
                    ids.push(d['callId']);
            }
        }
        if (ami.length === 0 && log.length === 0)
            return null;
        const byTime = (a, b) => a.atMs - b.atMs;
        return { callId, mergedFrom: ids.slice(1), amiEvents: ami.sort(byTime), decisions: log.sort(byTime) };
    }
    /** The first maxEntries entries of one list (see readEntries: what does not read as an entry is skipped). */
    async list(callId, list) {
        const elements = await this.redis.lrange(this.key(callId, list), 0, -1);
        const entries = [];
        for (const element of elements) {
            if (entries.length >= this.limits.maxEntries)
                break;
            readEntries(element, entries, this.limits.maxEntries);
        }
        return entries;
    }
    /** Deletes the traces of these calls; how many calls had one. */
    async remove(callIds) {
        let removed = 0;
        for (const id of callIds) {
            const n = await this.redis.del(this.key(id, 'ami'), this.key(id, 'log'));
            if (n > 0)
                removed += 1;
        }
        return removed;
    }
}
