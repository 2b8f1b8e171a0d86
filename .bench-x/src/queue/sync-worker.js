import { Queue, Worker } from 'bullmq';
import { CallEventProcessor } from './call-event-processor.js';
import { CallOrderStore } from './call-order.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from './job-id.js';
import { retryDelayMs } from './retry-backoff.js';
import { errorCodeOf } from '../net/network-failure.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
import { connectRedis } from '../net/redis-client.js';
import { withTimeout } from '../timeout.js';
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/** True when `promise` settled (either way) within `ms`; the promise keeps running otherwise. */
function settlesWithin(promise, ms) {
    return withTimeout(promise.then(() => true, () => true), ms, () => false);
}
/** Starts the BullMQ worker that applies call events to the CRM through `sync`, in per-call order. */
export function startSyncWorkers(opts) {
    const log = opts.log.child({ component: 'sync-worker' });
    const redis = connectRedis(opts.redis, { maxRetriesPerRequest: null });
    watchRedisConnection(redis, 'sync-worker', log); // one line per down/up, not one per reconnect attempt
    const prefix = bullPrefix(opts.prefix);
    const queue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix });
    queue.on('error', (err) => log.debug({ err }, 'worker queue error'));
    const processor = new CallEventProcessor({
        sync: opts.sync, order: new CallOrderStore(redis, opts.prefix), queue, log,
        deferMs: opts.deferMs ?? 250, missingPredecessorGraceMs: opts.missingPredecessorGraceMs ?? 10_000,
        ...(opts.onResult ? { onResult: opts.onResult } : {}),
    });
    const worker = new Worker(CALL_EVENTS_QUEUE, (job, token) => processor.process(job, token), {
        connection: redis, prefix, concurrency: opts.concurrency,
        // a job whose worker died (kill -9) is taken back within seconds, and may stall repeatedly (a crash loop, Redis
        // flapping) before it is failed: an `ended` stage must not be lost to two stalls
        lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 10,
        settings: { backoffStrategy: (attemptsMade, _type, err) => retryDelayMs(attemptsMade, err) },
    });
    let closing = false;
    worker.on('error', (err) => {
        // Redis going away is logged once by the connection's watch (the worker's blocking copy fails the same way)
        if (NETWORK_CODES.has(errorCodeOf(err) ?? ''))
            log.debug({ err }, 'sync worker connection error');
        else
            log.warn({ err }, 'sync worker error');
    });
    return {
        stats: () => processor.stats(),
        running: () => !closing && worker.isRunning(),
        close: async () => {
            closing = true;
            const limitMs = opts.closeTimeoutMs ?? 15_000;
            if (!(await settlesWithin(worker.close(), limitMs))) {
                log.error('sync jobs still running at shutdown; closing anyway (they will be retried)');
                // with Redis unreachable even a forced close can hang: bound it too, then drop the connection
                await settlesWithin(worker.close(true), Math.min(limitMs, 2_000));
            }
            await settlesWithin(queue.close(), 2_000);
            redis.disconnect();
        },
    };
}
