import type { Job, JobType, Queue } from 'bullmq';
import type { CallEvent } from '../calls/call.js';

export const JOB_STATES = ['failed', 'waiting', 'delayed', 'active', 'completed', 'prioritized'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One job as `npm run jobs` shows it: ids, stage and state, attempts and the last error; never the call's data. */
export interface JobSummary {
  readonly id: string;
  readonly stage: string;
  readonly callId: string;
  readonly state: string;
  readonly attemptsMade: number;
  readonly queuedAt: string;
  readonly failedReason: string | null;
  readonly finishedAt: string | null;
}

export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

function iso(ms: number | undefined): string | null {
  return ms === undefined || ms === 0 ? null : new Date(ms).toISOString();
}

/**
 * Operator actions on the call-event queue (the CLI `npm run jobs`; the dashboard at /admin/queues does the same
 * through bull-board): list by state, show one, retry a failed one (or all), drop one.
 */
export class JobAdmin {
  constructor(private readonly queue: Queue<CallEvent>) {}

  async list(state: JobState | 'all', limit = 100): Promise<JobSummary[]> {
    const types: JobType[] = state === 'all' ? [...JOB_STATES] : [state];
    const jobs = await this.queue.getJobs(types, 0, Math.max(0, limit - 1), true);
    return Promise.all(jobs.slice(0, limit).map((job) => this.summary(job)));
  }

  async show(id: string): Promise<(JobSummary & { readonly stacktrace: readonly string[] }) | null> {
    const job = await this.queue.getJob(id);
    if (!job) return null;
    return { ...(await this.summary(job)), stacktrace: (job.stacktrace ?? []).slice(-3) };
  }

  /** Moves a failed job back to waiting with its attempts reset; the worker applies it again. */
  async retry(id: string): Promise<RetryOutcome> {
    const job = await this.queue.getJob(id);
    if (!job) return 'not_found';
    if ((await job.getState()) !== 'failed') return 'not_failed';
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  }

  /** Retries every failed job, oldest first; returns how many. */
  async retryAllFailed(): Promise<number> {
    const failed = (await this.queue.getJobs(['failed'], 0, -1, true)).sort((a, b) => a.timestamp - b.timestamp);
    let retried = 0;
    for (const job of failed) if ((await this.retry(job.id ?? '')) === 'retried') retried += 1;
    return retried;
  }

  /** Removes a job that is not running; false when there is none (or it is active). */
  async drop(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || (await job.getState()) === 'active') return false;
    await job.remove();
    return true;
  }

  private async summary(job: Job<CallEvent>): Promise<JobSummary> {
    return {
      id: job.id ?? '', stage: job.name, callId: job.data.call.id, state: await job.getState(), attemptsMade: job.attemptsMade,
      queuedAt: iso(job.timestamp) ?? '', failedReason: job.failedReason ? job.failedReason.slice(0, 500) : null, finishedAt: iso(job.finishedOn),
    };
  }
}
