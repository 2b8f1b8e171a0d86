import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { CallEvent } from '../calls/call.js';
import { PermanentError, toError } from '../errors.js';
import type { Logger } from '../log.js';
import type { CallOrderStore } from './call-order.js';
import { jobIdFor, resendJobId } from './job-id.js';

/** What a stage may ask the queue while it is applied. */
export interface StageContext {
  /** The call's later stages already queued (seq + 1, + 2, …, in order): the call may have been answered or ended since. */
  later(): Promise<readonly CallEvent[]>;
}

/** What the worker drives: CallSync implements it. */
export interface CallEventApplier {
  apply(ev: CallEvent, context?: StageContext): Promise<void>;
}

/** Later stages of one call looked at, at most (a call has a handful). */
const LATER_MAX = 32;

export interface SyncWorkerStats {
  readonly applied: number;
  readonly deferred: number;
  readonly retried: number;
  readonly failedPermanent: number;
  readonly failedExhausted: number;
}

export interface ProcessorDeps {
  readonly sync: CallEventApplier;
  readonly order: CallOrderStore;
  readonly queue: Queue<CallEvent>;
  readonly log: Logger;
  /** First deferral delay; doubles per deferral up to 30 s (a finished predecessor promotes its successor at once). */
  readonly deferMs: number;
  /** A predecessor job that does not exist is taken as lost (Redis wiped) once the waiting job is this old. */
  readonly missingPredecessorGraceMs: number;
  /** Called once per attempt outcome, e.g. to count DaemonMetrics.syncedStages; `sinceQueuedMs`: since the job was
   *  added (a few ms after its AMI event; time spent in the memory buffer while Redis was away is not included). */
  readonly onResult?: (stage: CallEvent['stage'], result: StageResult, sinceQueuedMs: number) => void;
}

export type StageResult = 'applied' | 'retry' | 'failed';

const MAX_DEFER_MS = 30_000;
/** Job states of a job not done yet. */
const PENDING: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** One job: wait for the call's previous stage, apply, record it done, wake the next stage. Errors are translated here. */
export class CallEventProcessor {
  private readonly counts = { applied: 0, deferred: 0, retried: 0, failedPermanent: 0, failedExhausted: 0 };

  constructor(private readonly deps: ProcessorDeps) {}

  stats(): SyncWorkerStats {
    return { ...this.counts };
  }

  async process(job: Job<CallEvent>, token?: string): Promise<void> {
    const ev = job.data;
    if (!(await this.predecessorDone(job))) return this.defer(job, token);
    try {
      await this.deps.sync.apply(ev, { later: () => this.laterStages(ev) });
    } catch (raw) {
      return this.onError(job, toError(raw));
    }
    this.counts.applied += 1;
    this.report(job, 'applied');
    await this.finish(ev);
  }

  private async laterStages(ev: CallEvent): Promise<CallEvent[]> {
    const later: CallEvent[] = [];
    for (let seq = ev.seq + 1; seq <= ev.seq + LATER_MAX; seq++) {
      const job = await this.deps.queue.getJob(jobIdFor(ev.call.id, seq));
      if (!job) break;
      later.push(job.data);
    }
    return later;
  }

  /** A resend (CallEventQueue.resend) of a stage also waits for the call's own job of that stage: never both at once. */
  private async predecessorDone(job: Job<CallEvent>): Promise<boolean> {
    const { call, seq } = job.data;
    if (job.id === resendJobId(call.id) && (await this.deps.order.lastDone(call.id)) < seq
      && PENDING.has(await this.deps.queue.getJobState(jobIdFor(call.id, seq)))) return false;
    if (seq === 0 || (await this.deps.order.lastDone(call.id)) >= seq - 1) return true;
    const state = await this.deps.queue.getJobState(jobIdFor(call.id, seq - 1));
    if (state === 'completed' || state === 'failed') return true;
    if (state !== 'unknown') return false;
    if (Date.now() - job.timestamp < this.deps.missingPredecessorGraceMs) return false;
    this.deps.log.warn({ callId: call.id, seq }, 'previous call stage never arrived; applying this one');
    return true;
  }

  private async defer(job: Job<CallEvent>, token: string | undefined): Promise<never> {
    this.counts.deferred += 1;
    const delayMs = Math.min(MAX_DEFER_MS, this.deps.deferMs * 2 ** Math.min(Math.max(job.attemptsStarted - 1, 0), 8));
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  }

  private async onError(job: Job<CallEvent>, err: Error): Promise<never> {
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

  private report(job: Job<CallEvent>, result: StageResult): void {
    this.deps.onResult?.(job.data.stage, result, Date.now() - job.timestamp);
  }

  /** Marks this stage done (applied or given up) and promotes the call's next stage (or a resend of its end) if it waits in delayed. */
  private async finish(ev: CallEvent): Promise<void> {
    await this.deps.order.markDone(ev.call.id, ev.seq);
    await this.promote(jobIdFor(ev.call.id, ev.seq + 1));
    if (ev.stage === 'ended') await this.promote(resendJobId(ev.call.id));
  }

  private async promote(jobId: string): Promise<void> {
    if ((await this.deps.queue.getJobState(jobId)) !== 'delayed') return;
    const next = await this.deps.queue.getJob(jobId);
    await next?.promote().catch(() => undefined);
  }
}
