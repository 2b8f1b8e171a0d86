/**
 * The one buffer of call events between the tracker and Redis (see CrashSafeWriter). An event enters when the tracker
 * emits it and leaves once its job is in Redis; at most `maxEvents` are held. Events are numbered in the order they
 * entered, and two cursors split them:
 *   [first, taken)    handed to a job write, not yet stored (a stored one waits for the older ones to leave)
 *   [taken, covered)  covered by a state write already sent, waiting for a job write
 *   [covered, next)   pending: the next state write covers them
 * Every state write carries [first, next) as the outbox, so Redis never holds state without the events it produced.
 */
export class Outbox {
    maxEvents;
    /** Null once stored (or dropped). Index = number - base. */
    events = [];
    base = 0;
    head = 0;
    takenAt = 0;
    coveredAt = 0;
    held = 0;
    counts = { accepted: 0, flushed: 0, dropped: 0 };
    constructor(maxEvents) {
        this.maxEvents = maxEvents;
    }
    get first() { return this.base + this.head; }
    get next() { return this.base + this.events.length; }
    /** Events waiting for a state write. */
    get pendingCount() { return this.next - this.coveredAt; }
    /** Covered events no job write has taken yet. */
    get waitingCount() { return this.coveredAt - this.takenAt; }
    /** False (and counted) when the buffer is full. */
    add(ev) {
        if (this.held >= this.maxEvents) {
            this.counts.dropped += 1;
            return false;
        }
        this.events.push(ev);
        this.held += 1;
        this.counts.accepted += 1;
        return true;
    }
    /** The pending events, oldest first. */
    pending() {
        return this.live(this.coveredAt, this.next).map((row) => row[1]);
    }
    /** A state write covering every pending event was sent. */
    cover() {
        this.coveredAt = this.next;
    }
    /** Drops the pending events (the lease went away before they were covered); returns how many. */
    dropPending() {
        const n = this.pendingCount;
        this.events.length = this.coveredAt - this.base;
        this.held -= n;
        this.counts.dropped += n;
        return n;
    }
    /** Hands up to `max` covered events to a job write. */
    take(max) {
        const from = this.takenAt;
        const to = Math.min(this.coveredAt, from + max);
        this.takenAt = to;
        return { from, events: this.live(from, to).map((row) => row[1]) };
    }
    /** The batch's jobs are in Redis (`dropped`: given up on); its events leave, in order. */
    stored(batch, dropped = false) {
        for (let n = batch.from; n < batch.from + batch.events.length; n += 1)
            this.events[n - this.base] = null;
        this.held -= batch.events.length;
        if (dropped)
            this.counts.dropped += batch.events.length;
        else
            this.counts.flushed += batch.events.length;
        while (this.head < this.events.length && this.events[this.head] === null && this.first < this.takenAt)
            this.head += 1;
        if (this.head > 1024 && this.head * 2 > this.events.length) {
            this.events = this.events.slice(this.head);
            this.base += this.head;
            this.head = 0;
        }
    }
    since(from) {
        return this.live(Math.max(from, this.first), this.next);
    }
    counters() {
        return { buffered: this.held, ...this.counts };
    }
    live(from, to) {
        const rows = [];
        for (let n = from; n < to; n += 1) {
            const ev = this.events[n - this.base];
            if (ev)
                rows.push([n, ev]);
        }
        return rows;
    }
}
