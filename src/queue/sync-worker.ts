import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';
import { CallEventProcessor, type CallEventApplier, type StageResult, type SyncWorkerStats } from './call-event-processor.js';
import { CallOrderStore } from './call-order.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from './job-id.js';
import { retryDelayMs } from './retry-backoff.js';

export interface SyncWorkersOptions {
  readonly redisUrl: string;
  readonly prefix: string;           // Config.redis.prefix
  readonly sync: CallEventApplier;   // a CallSync
  readonly concurrency: number;      // Config.queue.concurrency
  readonly log: Logger;
  readonly deferMs?: number;                    // default 250
  readonly missingPredecessorGraceMs?: number;  // default 10 000
  readonly closeTimeoutMs?: number;             // default 15 000
  /** Per attempt outcome, e.g. `(stage, result) => metrics.syncedStages.inc({ stage, result })`. */
  readonly onResult?: (stage: CallEvent['stage'], result: StageResult) => void;
}

export interface SyncWorkers {
  /** Stops taking jobs and waits for the ones in flight (at most closeTimeoutMs, then closes anyway). */
  close(): Promise<void>;
  stats(): SyncWorkerStats;
}

/** Starts the BullMQ worker that applies call events to the CRM through `sync`, in per-call order. */
export function startSyncWorkers(opts: SyncWorkersOptions): SyncWorkers {
  const log = opts.log.child({ component: 'sync-worker' });
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (err: Error) => log.debug({ err }, 'worker redis connection error'));
  const prefix = bullPrefix(opts.prefix);
  const queue = new Queue<CallEvent>(CALL_EVENTS_QUEUE, { connection: redis, prefix });
  queue.on('error', (err: Error) => log.debug({ err }, 'worker queue error'));
  const processor = new CallEventProcessor({
    sync: opts.sync, order: new CallOrderStore(redis, opts.prefix), queue, log,
    deferMs: opts.deferMs ?? 250, missingPredecessorGraceMs: opts.missingPredecessorGraceMs ?? 10_000,
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
  });
  const worker = new Worker<CallEvent>(CALL_EVENTS_QUEUE, (job, token) => processor.process(job, token), {
    connection: redis, prefix, concurrency: opts.concurrency,
    settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelayMs(attemptsMade, err) },
  });
  worker.on('error', (err: Error) => log.warn({ err }, 'sync worker error'));
  return {
    stats: () => processor.stats(),
    close: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), opts.closeTimeoutMs ?? 15_000); });
      const outcome = await Promise.race([worker.close().then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        log.error('sync jobs still running at shutdown; closing anyway (they will be retried)');
        await worker.close(true).catch(() => undefined);
      }
      await queue.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
