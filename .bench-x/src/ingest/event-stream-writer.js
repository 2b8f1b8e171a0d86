/**
 * Adds the outbox events no write carried yet to the stream, inside the state write's MULTI: RedisClient then holds an
 * event's entry exactly when it holds the state that produced it, so a crash or a lease handover neither loses nor
 * repeats one (the next reader continues after that state). A write that fails sends its events again with the next.
 */
export class EventStreamWriter {
    opts;
    /** Outbox number of the first event not yet sent to the stream. */
    next = 0;
    constructor(opts) {
        this.opts = opts;
    }
    restart(published) {
        this.next = published;
    }
    /** Queues the new events' entries on `multi`; returns the outbox number they start at (for `failed`). */
    append(multi, outbox) {
        const rows = outbox.since(this.next);
        const from = this.next;
        this.next = outbox.next;
        if (rows.length === 0)
            return null;
        const { key, currentKey, maxLen, keepMs } = this.opts;
        for (const [, ev] of rows) {
            const entry = this.opts.entry(ev);
            multi.xadd(key, 'MAXLEN', '~', String(maxLen), '*', 'card', entry.json);
            if (entry.current)
                multi.hset(currentKey, entry.callId, entry.json);
            else
                multi.hdel(currentKey, entry.callId);
        }
        multi.xtrim(key, 'MINID', '~', `${Date.now() - keepMs}-0`);
        return from;
    }
    /** The write that carried events from `from` on failed: send them again (a page drops a repeated seq). */
    failed(from) {
        this.next = Math.min(this.next, from);
    }
}
