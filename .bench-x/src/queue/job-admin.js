export const JOB_STATES = ['failed', 'waiting', 'delayed', 'active', 'completed', 'prioritized'];
function iso(ms) {
    return ms === undefined || ms === 0 ? null : new Date(ms).toISOString();
}
/**
 * Operator actions on the call-event queue (the CLI `npm run jobs`; the dashboard at /admin/queues does the same
 * through bull-board): list by state, show one, retry a failed one (or all), drop one.
 */
export class JobAdmin {
    queue;
    constructor(queue) {
        this.queue = queue;
    }
    async list(state, limit = 100) {
        const types = state === 'all' ? [...JOB_STATES] : [state];
        const jobs = await this.queue.getJobs(types, 0, Math.max(0, limit - 1), true);
        return Promise.all(jobs.slice(0, limit).map((job) => this.summary(job)));
    }
    async show(id) {
        const job = await this.queue.getJob(id);
        if (!job)
            return null;
        return { ...(await this.summary(job)), stacktrace: (job.stacktrace ?? []).slice(-3) };
    }
    /** Moves a failed job back to waiting with its attempts reset; the worker applies it again. */
    async retry(id) {
        const job = await this.queue.getJob(id);
        if (!job)
            return 'not_found';
        if ((await job.getState()) !== 'failed')
            return 'not_failed';
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return 'retried';
    }
    /** Retries every failed job, oldest first; returns how many. */
    async retryAllFailed() {
        const failed = (await this.queue.getJobs(['failed'], 0, -1, true)).sort((a, b) => a.timestamp - b.timestamp);
        let retried = 0;
        for (const job of failed)
            if ((await this.retry(job.id ?? '')) === 'retried')
                retried += 1;
        return retried;
    }
    /** Removes a job that is not running; false when there is none (or it is active). */
    async drop(id) {
        const job = await this.queue.getJob(id);
        if (!job || (await job.getState()) === 'active')
            return false;
        await job.remove();
        return true;
    }
    async summary(job) {
        return {
            id: job.id ?? '', stage: job.name, callId: job.data.call.id, state: await job.getState(), attemptsMade: job.attemptsMade,
            queuedAt: iso(job.timestamp) ?? '', failedReason: job.failedReason ? job.failedReason.slice(0, 500) : null, finishedAt: iso(job.finishedOn),
        };
    }
}
