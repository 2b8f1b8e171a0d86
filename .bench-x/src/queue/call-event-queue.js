import { Queue } from 'bullmq';
import { CALL_EVENTS_QUEUE, bullPrefix, jobIdFor, resendJobId } from './job-id.js';
import { CALL_SYNC_BACKOFF } from './retry-backoff.js';
import { withTimeout } from '../timeout.js';
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
export const DEFAULT_KEEP_FAILED = { days: 7, count: 10_000 };
const ZERO_COUNTS = { waiting: 0, delayed: 0, active: 0, failed: 0 };
/**
 * Producer side of the call-event queue: adds jobs on the connection it is given (the ingest's CrashSafeWriter owns
 * it and writes the tracker state on it first) and reads job counts. It buffers nothing: the caller keeps an event
 * until add() resolves. Job name = stage, job id = jobIdFor(call.id, seq): re-adding the same event is a no-op.
 */
export class CallEventQueue {
    opts;
    queue;
    jobOptions;
    lastCounts = ZERO_COUNTS;
    lastReadAtMs = null;
    constructor(connection, opts) {
        this.opts = opts;
        const log = opts.log.child({ component: 'queue' });
        this.queue = new Queue(CALL_EVENTS_QUEUE, { connection, prefix: bullPrefix(opts.prefix) });
        this.queue.on('error', (err) => log.debug({ err }, 'queue error'));
        this.jobOptions = {
            attempts: opts.attempts, backoff: { type: CALL_SYNC_BACKOFF },
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: keepFailedOption(opts.keepFailed ?? DEFAULT_KEEP_FAILED),
        };
    }
    /**
     * Adds one job per event with one addBulk. Its commands go out on the connection after anything sent on it before
     * this call; while Redis is away they wait in the client, so this resolves after the reconnect. Rejects on an error.
     */
    async add(batch) {
        await this.queue.addBulk(batch.map((ev) => ({
            name: ev.stage, data: ev, opts: { ...this.jobOptions, jobId: jobIdFor(ev.call.id, ev.seq) },
        })));
    }
    /**
     * Queues a call's `ended` event again (a resend: CallSync repeats only the steps not done yet). One resend job per
     * call at a time: while one waits or runs this is a no-op ('already-queued'); a finished or failed one is replaced.
     */
    async resend(ev) {
        const jobId = resendJobId(ev.call.id);
        const old = await this.queue.getJob(jobId);
        if (old) {
            const state = await old.getState();
            if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized')
                return 'already-queued';
            await old.remove().catch(() => undefined);
        }
        await this.queue.add(ev.stage, ev, { ...this.jobOptions, jobId, removeOnComplete: true });
        return 'queued';
    }
    /** Whether this call has a stage (`seq`) or a resend waiting, delayed or running. */
    async busy(callId, seq) {
        const states = await Promise.all([this.queue.getJobState(jobIdFor(callId, seq)), this.queue.getJobState(resendJobId(callId))]);
        return states.some((st) => st === 'waiting' || st === 'active' || st === 'delayed' || st === 'prioritized' || st === 'waiting-children');
    }
    /** Waiting (prioritized included), delayed, active and failed jobs; the last known counts if Redis is slow or away. */
    async counts() {
        const timeoutMs = this.opts.countsTimeoutMs ?? 1000;
        const read = this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed').then((c) => ({
            waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0), delayed: c['delayed'] ?? 0, active: c['active'] ?? 0, failed: c['failed'] ?? 0,
        }), () => null);
        const counts = await withTimeout(read, timeoutMs, () => null);
        if (counts !== null) {
            this.lastCounts = counts;
            this.lastReadAtMs = Date.now();
        }
        return { ...this.lastCounts, fresh: counts !== null, readAtMs: this.lastReadAtMs };
    }
    /** Closes the BullMQ queue; the connection stays its owner's. */
    async close() {
        await this.queue.close().catch(() => undefined);
    }
}
/** BullMQ's removeOnFail for a KeepFailed (age in seconds). */
export function keepFailedOption(keep) {
    return { age: Math.round(keep.days * 24 * 3600), count: keep.count };
}
