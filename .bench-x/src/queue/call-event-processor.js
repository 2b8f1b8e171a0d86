import { DelayedError, UnrecoverableError } from 'bullmq';
import { PermanentError, toError } from '../errors.js';
import { jobIdFor, resendJobId } from './job-id.js';
/** Later stages of one call looked at, at most (a call has a handful). */
const LATER_MAX = 32;
const MAX_DEFER_MS = 30_000;
/** Job states of a job not done yet. */
const PENDING = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
/** One job: wait for the call's previous stage, apply, record it done, wake the next stage. Errors are translated here. */
export class CallEventProcessor {
    deps;
    counts = { applied: 0, deferred: 0, retried: 0, failedPermanent: 0, failedExhausted: 0 };
    constructor(deps) {
        this.deps = deps;
    }
    stats() {
        return { ...this.counts };
    }
    async process(job, token) {
        const ev = job.data;
        if (!(await this.predecessorDone(job)))
            return this.defer(job, token);
        try {
            await this.deps.sync.apply(ev, { later: () => this.laterStages(ev) });
        }
        catch (raw) {
            return this.onError(job, toError(raw));
        }
        this.counts.applied += 1;
        this.report(job, 'applied');
        await this.finish(ev);
    }
    async laterStages(ev) {
        const later = [];
        for (let seq = ev.seq + 1; seq <= ev.seq + LATER_MAX; seq++) {
            const job = await this.deps.queue.getJob(jobIdFor(ev.call.id, seq));
            if (!job)
                break;
            later.push(job.data);
        }
        return later;
    }
    /** A resend (CallEventQueue.resend) of a stage also waits for the call's own job of that stage: never both at once. */
    async predecessorDone(job) {
        const { call, seq } = job.data;
        if (job.id === resendJobId(call.id) && (await this.deps.order.lastDone(call.id)) < seq
            && PENDING.has(await this.deps.queue.getJobState(jobIdFor(call.id, seq))))
            return false;
        if (seq === 0 || (await this.deps.order.lastDone(call.id)) >= seq - 1)
            return true;
        const state = await this.deps.queue.getJobState(jobIdFor(call.id, seq - 1));
        if (state === 'completed' || state === 'failed')
            return true;
        if (state !== 'unknown')
            return false;
        if (Date.now() - job.timestamp < this.deps.missingPredecessorGraceMs)
            return false;
        this.deps.log.warn({ callId: call.id, seq }, 'previous call stage never arrived; applying this one');
        return true;
    }
    async defer(job, token) {
        this.counts.deferred += 1;
        const delayMs = Math.min(MAX_DEFER_MS, this.deps.deferMs * 2 ** Math.min(Math.max(job.attemptsStarted - 1, 0), 8));
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
    }
    async onError(job, err) {
        const { call, stage, seq } = job.data;
        const log = this.deps.log.child({ callId: call.id, stage, seq });
        if (err instanceof PermanentError) {
            this.counts.failedPermanent += 1;
            log.error({ err }, 'call stage failed permanently');
            this.report(job, 'failed');
            await this.finish(job.data);
            throw new UnrecoverableError(`${err.name}: ${err.message}`);
        }
        const attempt = job.attemptsMade + 1;
        if (attempt >= (job.opts.attempts ?? 1)) {
            this.counts.failedExhausted += 1;
            log.error({ err, attempt }, 'call stage failed after the last attempt');
            this.report(job, 'failed');
            await this.finish(job.data);
            throw err;
        }
        this.counts.retried += 1;
        log.warn({ err, attempt }, 'call stage failed; will retry');
        this.report(job, 'retry');
        throw err;
    }
    report(job, result) {
        this.deps.onResult?.(job.data.stage, result, Date.now() - job.timestamp);
    }
    /** Marks this stage done (applied or given up) and promotes the call's next stage (or a resend of its end) if it waits in delayed. */
    async finish(ev) {
        await this.deps.order.markDone(ev.call.id, ev.seq);
        await this.promote(jobIdFor(ev.call.id, ev.seq + 1));
        if (ev.stage === 'ended')
            await this.promote(resendJobId(ev.call.id));
    }
    async promote(jobId) {
        if ((await this.deps.queue.getJobState(jobId)) !== 'delayed')
            return;
        const next = await this.deps.queue.getJob(jobId);
        await next?.promote().catch(() => undefined);
    }
}
