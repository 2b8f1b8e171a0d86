import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../net/redis-client.js';
import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';
import { CALL_EVENTS_QUEUE, bullPrefix, jobIdFor, resendJobId } from './job-id.js';
import { CALL_SYNC_BACKOFF } from './retry-backoff.js';
import { withTimeout } from '../timeout.js';

export interface CallEventQueueOptions {
  readonly prefix: string;            // Config.redis.prefix
  readonly attempts: number;          // Config.queue.attempts
  readonly keepFailed?: KeepFailed;   // Config.queue.keepFailed (default DEFAULT_KEEP_FAILED)
  readonly log: Logger;
  readonly countsTimeoutMs?: number;  // how long counts() waits for Redis (default 1000)
}

/** Jobs by state in Redis (the last known counts while Redis is away). */
export interface JobCounts {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
}

/** Job counts and whether this read reached Redis: if not, they are the last ones read, at `readAtMs` (null: never). */
export interface JobCountsRead extends JobCounts {
  readonly fresh: boolean;
  readonly readAtMs: number | null;
}

/** The shape DaemonMetrics.queueStats() reads: job counts plus the events still in memory (CrashSafeWriter). */
export interface QueueStats extends JobCountsRead {
  readonly buffered: number;
  readonly droppedFromBuffer: number;
}

const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };

/** How long and how many failed jobs Redis keeps for inspection and retry (QUEUE_KEEP_FAILED_DAYS / _COUNT). */
export interface KeepFailed {
  readonly days: number;
  readonly count: number;
}

export const DEFAULT_KEEP_FAILED: KeepFailed = { days: 7, count: 10_000 };
const ZERO_COUNTS: JobCounts = { waiting: 0, delayed: 0, active: 0, failed: 0 };

/**
 * Producer side of the call-event queue: adds jobs on the connection it is given (the ingest's CrashSafeWriter owns
 * it and writes the tracker state on it first) and reads job counts. It buffers nothing: the caller keeps an event
 * until add() resolves. Job name = stage, job id = jobIdFor(call.id, seq): re-adding the same event is a no-op.
 */
export class CallEventQueue {
  private readonly queue: Queue<CallEvent>;
  private readonly jobOptions: JobsOptions;
  private lastCounts: JobCounts = ZERO_COUNTS;
  private lastReadAtMs: number | null = null;

  constructor(connection: RedisClient, private readonly opts: CallEventQueueOptions) {
    const log = opts.log.child({ component: 'queue' });
    this.queue = new Queue<CallEvent>(CALL_EVENTS_QUEUE, { connection, prefix: bullPrefix(opts.prefix) });
    this.queue.on('error', (err: Error) => log.debug({ err }, 'queue error'));
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
  async add(batch: readonly CallEvent[]): Promise<void> {
    await this.queue.addBulk(batch.map((ev) => ({
      name: ev.stage, data: ev, opts: { ...this.jobOptions, jobId: jobIdFor(ev.call.id, ev.seq) },
    })));
  }

  /**
   * Queues a call's `ended` event again (a resend: CallSync repeats only the steps not done yet). One resend job per
   * call at a time: while one waits or runs this is a no-op ('already-queued'); a finished or failed one is replaced.
   */
  async resend(ev: CallEvent): Promise<'queued' | 'already-queued'> {
    const jobId = resendJobId(ev.call.id);
    const old = await this.queue.getJob(jobId);
    if (old) {
      const state = await old.getState();
      if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized') return 'already-queued';
      await old.remove().catch(() => undefined);
    }
    await this.queue.add(ev.stage, ev, { ...this.jobOptions, jobId, removeOnComplete: true });
    return 'queued';
  }

  /** Whether this call has a stage (`seq`) or a resend waiting, delayed or running. */
  async busy(callId: string, seq: number): Promise<boolean> {
    const states = await Promise.all([this.queue.getJobState(jobIdFor(callId, seq)), this.queue.getJobState(resendJobId(callId))]);
    return states.some((st) => st === 'waiting' || st === 'active' || st === 'delayed' || st === 'prioritized' || st === 'waiting-children');
  }

  /** Waiting (prioritized included), delayed, active and failed jobs; the last known counts if Redis is slow or away. */
  async counts(): Promise<JobCountsRead> {
    const timeoutMs = this.opts.countsTimeoutMs ?? 1000;
    const read = this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed').then((c) => ({
      waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0), delayed: c['delayed'] ?? 0, active: c['active'] ?? 0, failed: c['failed'] ?? 0,
    }), () => null);
    const counts = await withTimeout(read, timeoutMs, () => null);
    if (counts !== null) { this.lastCounts = counts; this.lastReadAtMs = Date.now(); }
    return { ...this.lastCounts, fresh: counts !== null, readAtMs: this.lastReadAtMs };
  }

  /** Closes the BullMQ queue; the connection stays its owner's. */
  async close(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}

/** BullMQ's removeOnFail for a KeepFailed (age in seconds). */
export function keepFailedOption(keep: KeepFailed): { age: number; count: number } {
  return { age: Math.round(keep.days * 24 * 3600), count: keep.count };
}
