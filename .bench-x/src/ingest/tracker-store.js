import { EventStreamWriter } from './event-stream-writer.js';
/** Ended ids kept in Redis. */
const ENDED_KEPT = 2_000;
/** The hash of open calls' parts: a call id is in it while the tracker holds the call open. */
export function trackerCallsKey(prefix) {
    return `${prefix}:tracker:calls`;
}
function isPartsMeta(state) {
    return typeof state === 'object' && state !== null && state['version'] === 3;
}
/**
 * The Redis layout of the tracker state, so a restarted (or taking-over) daemon continues open calls with the same ids
 * and seqs: `<prefix>:tracker:state` holds {holder, savedAtMs, state: meta}, `:tracker:calls` a hash of call id → call
 * part, `:tracker:ended` the last ended ids, `:tracker:outbox` a hash of outbox events. Each write sends only what
 * changed, state and outbox in one MULTI/EXEC. Older versions wrote the whole state as one value in `:tracker:state`;
 * load() still reads that (an upgrade in place finds one), nothing writes it any more.
 */
export class TrackerStore {
    redis;
    holder;
    key;
    callsKey;
    endedKey;
    outboxKey;
    /** The next write replaces everything stored (a new tracker, or the last write failed: its delta is lost). */
    needFull = true;
    /** The outbox window [first, next) as the last write left it in the outbox hash. */
    outboxWritten = { first: 0, next: 0 };
    /** Appends each new outbox event to the event stream in the state's MULTI (the console's cards), when configured. */
    stream;
    constructor(redis, prefix, holder, stream) {
        this.redis = redis;
        this.holder = holder;
        this.key = `${prefix}:tracker:state`;
        this.callsKey = trackerCallsKey(prefix);
        this.stream = stream ? new EventStreamWriter(stream) : null;
        this.endedKey = `${prefix}:tracker:ended`;
        this.outboxKey = `${prefix}:tracker:outbox`;
    }
    async load() {
        const replies = await this.redis.multi().get(this.key).hgetall(this.callsKey).lrange(this.endedKey, 0, -1)
            .hgetall(this.outboxKey).exec();
        if (!replies)
            throw new Error('tracker state read aborted');
        for (const [err] of replies)
            if (err)
                throw err;
        const raw = replies[0]?.[1];
        if (typeof raw !== 'string')
            return null;
        const stored = JSON.parse(raw);
        if (!isPartsMeta(stored.state))
            return { ...stored, outbox: stored.outbox ?? [] }; // a whole value
        const calls = (replies[1]?.[1] ?? {});
        const ended = (replies[2]?.[1] ?? []);
        const rows = Object.values((replies[3]?.[1] ?? {})).map((json) => JSON.parse(json));
        const outbox = rows.sort((a, b) => a[0] - b[0]).map((row) => row[1]);
        const parts = Object.values(calls).map((json) => JSON.parse(json));
        const state = { version: 3, nextOrder: stored.state.nextOrder, pbx: stored.state.pbx, parts, ended };
        return { holder: stored.holder, savedAtMs: stored.savedAtMs, state, outbox };
    }
    /** The next write is a full one (a new tracker is being saved); outbox events numbered below `published` are in the stream already. */
    restart(published = 0) {
        this.needFull = true;
        this.stream?.restart(published);
    }
    /** Whether a write would change something: the tracker changed, the outbox moved, or the last write failed. */
    wantsWrite(tracker, outbox) {
        return this.needFull || tracker.hasUnsavedChanges || outbox.first !== this.outboxWritten.first || outbox.next !== this.outboxWritten.next;
    }
    /**
     * Builds the delta (see DeltaScope) and the outbox change and hands them to the connection in one MULTI before it
     * returns: RedisClient applies them before anything sent on the connection later. Bookkeeping assumes the write succeeds;
     * a failure (the promise rejects) makes the next write a full one.
     */
    write(tracker, scope, outbox, extra) {
        const delta = tracker.takeDelta(this.needFull, scope);
        this.needFull = false;
        const multi = this.redis.multi();
        if (delta.full)
            multi.del(this.callsKey, this.endedKey, this.outboxKey);
        if (delta.removed.length > 0)
            multi.hdel(this.callsKey, ...delta.removed);
        if (delta.calls.size > 0)
            multi.hset(this.callsKey, delta.calls);
        if (delta.ended.length > 0)
            multi.rpush(this.endedKey, ...delta.ended).ltrim(this.endedKey, -ENDED_KEPT, -1);
        this.writeOutbox(multi, outbox, delta.full);
        extra?.(multi); // the per-call trace rides along, before the getset whose reply is read last
        const streamed = this.stream?.append(multi, outbox) ?? null;
        multi.getset(this.key, JSON.stringify({ holder: this.holder, savedAtMs: Date.now(), state: delta.meta }));
        const full = delta.full; // the reply handler keeps this, not the delta's JSON
        return multi.exec().then((replies) => {
            if (!replies)
                throw new Error('tracker state write aborted');
            for (const [err] of replies)
                if (err)
                    throw err;
            if (!full && !this.wasOurs(replies.at(-1)?.[1]))
                this.needFull = true;
        }).catch((err) => {
            this.needFull = true;
            if (streamed)
                this.stream?.failed(streamed);
            throw err;
        });
    }
    /**
     * Whether the meta a delta replaced was our own. If not, Redis lost our parts (restarted empty) or another holder
     * wrote meanwhile (a lease handover race): the next write rewrites everything.
     */
    wasOurs(previous) {
        if (typeof previous !== 'string')
            return false;
        try {
            return JSON.parse(previous).holder === this.holder;
        }
        catch {
            return false;
        }
    }
    /** Adds the outbox events that entered since the last write, deletes those that left. */
    writeOutbox(multi, outbox, full) {
        const written = full ? { first: 0, next: 0 } : this.outboxWritten;
        const { first, next } = outbox;
        const gone = [];
        for (let n = written.first; n < Math.min(first, written.next); n += 1)
            gone.push(String(n));
        if (gone.length > 0)
            multi.hdel(this.outboxKey, ...gone);
        const added = new Map();
        for (const row of outbox.since(written.next))
            added.set(String(row[0]), JSON.stringify(row));
        if (added.size > 0)
            multi.hset(this.outboxKey, added);
        this.outboxWritten = { first, next };
    }
}
