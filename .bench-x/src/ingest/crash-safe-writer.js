import { toError } from '../errors.js';
import { CallEventQueue } from '../queue/call-event-queue.js';
import { Outbox } from './outbox.js';
import { TrackerStore } from './tracker-store.js';
import { redisFailureReason } from '../net/redis-connection-log.js';
import { connectRedis } from '../net/redis-client.js';
import { withTimeout } from '../timeout.js';
/** Periodic save of changed calls that queued no event: after a crash these are at most this old (the resync corrects them). */
export const TRACKER_SAVE_EVERY_MS = 1000;
/** State writes sent and not answered at most; past that, events stay pending and go with the next one (Redis away). */
const STATE_WRITES_IN_FLIGHT_MAX = 4;
/** Changed calls per write of a periodic save: each slice is short, so AMI events and urgent writes go between them. */
const SAVE_SLICE_CALLS = 100;
/** How long end() waits for the last save; not at all while Redis is away (the write stays queued in the client). */
const STOP_SAVE_WAIT_MS = 2000;
const MAX_FAILURES_WHILE_CONNECTED = 5;
/**
 * The crash-safe path from the tracker to Redis, in one place. It owns the Redis connection (and hands it to the
 * queue), the one bounded buffer of call events (Outbox) and the order of writes on that connection: first the state
 * of the calls of the pending events with the outbox listing them, then their jobs. Redis applies one connection's
 * commands in the order they were sent, so it never holds a job without the state that produced it; nothing waits
 * for the state write's reply. Job ids are `${callId}-${seq}`, so either order alone loses calls on kill -9:
 *  - jobs first: the next reader resumes from an older state and emits a *different* event with a seq already used
 *    (`ended` where `answered` was); BullMQ drops it as a duplicate id and the call is never finished;
 *  - state first, jobs never reached: a lost `ended` leaves the call closed in the tracker and open in the CRM.
 * With the outbox in the same write as the state, the next reader re-adds the outbox (a no-op for jobs that exist)
 * and continues with seqs after it. Events pushed within one task (one piece of the AMI stream) share one write.
 */
export class CrashSafeWriter {
    opts;
    redis;
    queue;
    store;
    box;
    batchSize;
    maxInFlight;
    tracker = null;
    timer = null;
    periodic = null;
    scheduled = false;
    stateWrites = 0;
    jobWriters = 0;
    /** Job writers started that have not taken a batch yet. */
    starting = 0;
    failuresWhileConnected = 0;
    closed = false;
    stopped = false;
    redisDown = false;
    constructor(opts) {
        this.opts = opts;
        this.redis = connectRedis(opts.redis, { maxRetriesPerRequest: null }); // commands wait while Redis is away
        this.redis.on('error', (err) => this.redisState(false, err));
        this.redis.on('ready', () => this.redisState(true));
        this.queue = new CallEventQueue(this.redis, {
            prefix: opts.prefix, attempts: opts.attempts, log: opts.log, ...(opts.keepFailed ? { keepFailed: opts.keepFailed } : {}),
        });
        this.store = new TrackerStore(this.redis, opts.statePrefix ?? opts.prefix, opts.holder, opts.eventStream);
        this.box = new Outbox(opts.bufferMax);
        this.batchSize = opts.batchSize ?? 500;
        this.maxInFlight = opts.maxInFlight ?? 4;
    }
    redisState(up, err) {
        if (up && this.redisDown)
            this.opts.log.info({ buffered: this.box.counters().buffered }, 'redis is back; flushing buffered call events');
        if (!up && !this.redisDown)
            this.opts.log.warn({ connection: 'ingest', reason: redisFailureReason(this.redis, err) }, 'redis unreachable; buffering call events in memory');
        else if (!up)
            this.opts.log.debug({ connection: 'ingest', reason: redisFailureReason(this.redis, err) }, 'redis still unreachable');
        this.redisDown = !up;
    }
    /** The state the last holder saved, with its outbox; null when there is none. */
    load() {
        return this.store.load();
    }
    /** Starts saving `tracker` (the first write replaces what is stored); `outbox`: loaded events to re-add as jobs. */
    begin(tracker, outbox = []) {
        this.tracker = tracker;
        for (const ev of outbox)
            this.box.add(ev);
        this.store.restart(this.box.next); // the loaded outbox's events went to the event stream with the state that holds them
        this.box.cover(); // the loaded state contains them
        this.startJobWriters();
        const every = this.opts.saveEveryMs ?? TRACKER_SAVE_EVERY_MS;
        this.stopTimer();
        // a random phase: the PBXs of a deployment connect together, and their saves should not all fall in the same ms
        this.timer = setTimeout(() => {
            void this.save();
            this.timer = setInterval(() => { void this.save(); }, every);
            this.timer.unref();
        }, Math.floor(Math.random() * every));
        this.timer.unref();
    }
    stopTimer() {
        if (this.timer)
            clearTimeout(this.timer); // also clears an interval
        this.timer = null;
    }
    /** Takes a call event at once: false when the buffer is full or the writer closed (logged, counted). */
    push(ev) {
        if (this.closed || !this.box.add(ev))
            return this.refuse(ev, this.closed ? 'writer closed' : 'event buffer full');
        if (!this.scheduled) {
            this.scheduled = true;
            // a microtask: after the piece of the AMI stream being parsed, before the next one
            queueMicrotask(() => { this.scheduled = false; this.flush(false); });
        }
        return true;
    }
    refuse(ev, reason) {
        const { dropped } = this.box.counters();
        if (dropped <= 1 || dropped % 1000 === 0)
            this.opts.log.error({ callId: ev.call.id, stage: ev.stage, seq: ev.seq, dropped, reason }, 'call event dropped');
        return false;
    }
    /** One state write for the calls of every pending event, then their jobs. `force`: over the in-flight bound too. */
    flush(force) {
        if (this.box.pendingCount === 0)
            return;
        if (!force && this.stateWrites >= STATE_WRITES_IN_FLIGHT_MAX)
            return; // the next answer flushes them
        if (this.tracker)
            void this.writeState({ calls: new Set(this.box.pending().map((ev) => ev.call.id)) }).catch(() => undefined);
        else
            this.box.cover(); // events from no tracker: there is no state to save first
        this.startJobWriters();
    }
    /** Sends one state write now (it covers every pending event); the promise reports the outcome. */
    writeState(scope) {
        const tracker = this.tracker;
        if (!tracker)
            return Promise.resolve();
        this.stateWrites += 1;
        const trace = this.opts.trace;
        // a write for some calls takes their trace entries; a periodic or final one takes every call's
        const written = this.store.write(tracker, scope, this.box, trace ? (multi) => trace.drainInto(multi, scope.calls) : undefined);
        this.box.cover();
        return written.catch((err) => {
            trace?.writeFailed();
            this.opts.log.warn({ err }, 'tracker state not saved; will retry');
            throw err;
        }).finally(() => {
            this.stateWrites -= 1;
            this.flush(false);
        });
    }
    /** Writes what changed (the tracker, the outbox), in slices of changed calls, one save at a time. */
    save() {
        if (this.periodic)
            return this.periodic;
        const run = this.saveInSlices().finally(() => { if (this.periodic === run)
            this.periodic = null; });
        this.periodic = run;
        return run;
    }
    async saveInSlices() {
        const tracker = this.tracker;
        if (!tracker)
            return;
        // bounded: calls that change while the slices are written wait for the next save
        for (let slices = Math.ceil(tracker.openCallCount / SAVE_SLICE_CALLS) + 1; slices > 0 && this.wantsWrite(); slices -= 1) {
            if (this.stateWrites >= STATE_WRITES_IN_FLIGHT_MAX)
                return; // Redis is slow or away
            await this.writeState({ maxCalls: SAVE_SLICE_CALLS }).catch(() => undefined);
        }
    }
    wantsWrite() {
        return this.tracker !== null && (this.store.wantsWrite(this.tracker, this.box) || this.opts.trace?.hasPending === true);
    }
    /**
     * Stops saving. `save: true` (stop): one last write covers every pending event and change, waited for a while.
     * `save: false` (the lease went to another instance, which continues from the stored state): pending events are dropped.
     * Covered events go on to the queue either way.
     */
    async end(options) {
        this.stopTimer();
        if (!options.save) {
            const dropped = this.box.dropPending();
            if (dropped > 0)
                this.opts.log.warn({ dropped }, 'lease lost: call events not yet saved are left to the new reader');
            this.tracker = null;
            return;
        }
        this.flush(true);
        const saved = this.save().then(async () => {
            if (this.wantsWrite())
                await this.writeState({}).catch(() => undefined); // what changed meanwhile
            return true;
        });
        const waitMs = this.redis.status === 'ready' ? STOP_SAVE_WAIT_MS : 0;
        const done = await withTimeout(saved, waitMs, () => false);
        this.tracker = null;
        if (!done)
            this.opts.log.warn({ waitedMs: waitMs }, 'tracker state not confirmed saved at stop (Redis away?); the next reader resyncs with the PBX');
    }
    /** Up to maxInFlight job writers drain the covered events; each starts after the current task (a microtask). */
    startJobWriters() {
        while (this.jobWriters < this.maxInFlight && this.starting * this.batchSize < this.box.waitingCount && !this.stopped) {
            this.jobWriters += 1;
            this.starting += 1;
            void Promise.resolve()
                .then(() => { this.starting -= 1; return this.writeJobs(); })
                .finally(() => { this.jobWriters -= 1; });
        }
    }
    async writeJobs() {
        while (this.box.waitingCount > 0 && !this.stopped)
            await this.addJobs(this.box.take(this.batchSize));
    }
    /** Retries its batch while Redis is away; a failure while connected is a real error: a few tries, then dropped loudly. */
    async addJobs(batch) {
        for (;;) {
            try {
                await this.queue.add(batch.events);
                this.failuresWhileConnected = 0;
                this.box.stored(batch);
                this.opts.onStored?.(batch.events);
                return;
            }
            catch (raw) {
                const err = toError(raw);
                if (this.redis.status === 'ready')
                    this.failuresWhileConnected += 1;
                if (this.failuresWhileConnected >= MAX_FAILURES_WHILE_CONNECTED) {
                    this.box.stored(batch, true);
                    this.failuresWhileConnected = 0;
                    this.opts.log.error({ err, dropped: batch.events.length }, 'call events dropped after repeated enqueue failures');
                    return;
                }
                this.opts.log.warn({ err, buffered: this.box.counters().buffered }, 'enqueue to redis failed; events stay buffered');
                await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** Math.min(this.failuresWhileConnected, 5)));
                if (this.stopped)
                    return;
            }
        }
    }
    /** Resolves true once every event held is in Redis as a job, false after timeoutMs. */
    async drained(timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        while (this.box.counters().buffered > 0 || this.jobWriters > 0) {
            if (Date.now() >= deadline)
                return false;
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return true;
    }
    /** Job counts in Redis plus the events held here. */
    async stats() {
        const c = await this.queue.counts();
        const b = this.box.counters();
        return { ...c, buffered: b.buffered, droppedFromBuffer: b.dropped };
    }
    bufferCounters() { return this.box.counters(); }
    redisConnected() { return this.redis.status === 'ready'; }
    /** Stops accepting, waits up to drainTimeoutMs for the events held to reach Redis, then closes the connection. */
    async close(drainTimeoutMs = 5000) {
        this.closed = true;
        this.stopTimer();
        if (!(await this.drained(drainTimeoutMs)))
            this.opts.log.error({ lost: this.box.counters().buffered }, 'call events still buffered at shutdown were lost');
        this.stopped = true;
        await this.queue.close();
        this.redis.disconnect();
    }
}
