import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { CallEvent } from '../calls/call.js';
import { toError } from '../crm/crm-errors.js';
import type { Logger } from '../log.js';
import { EventBuffer, type BufferCounters } from './event-buffer.js';
import { CALL_EVENTS_QUEUE, bullPrefix, jobIdFor } from './job-id.js';
import { CALL_SYNC_BACKOFF } from './retry-backoff.js';

export interface CallEventQueueOptions {
  readonly redisUrl: string;
  readonly prefix: string;            // Config.redis.prefix
  readonly attempts: number;          // Config.queue.attempts
  readonly bufferMax: number;         // Config.queue.bufferMax
  readonly log: Logger;
  readonly batchSize?: number;        // events per addBulk (default 500)
  readonly maxInFlight?: number;      // addBulk calls in flight at once (default 4)
  readonly countsTimeoutMs?: number;  // how long depth()/stats() wait for Redis (default 1000)
}

/** The shape DaemonMetrics.queueStats() reads. */
export interface QueueStats {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
  readonly buffered: number;
  readonly droppedFromBuffer: number;
}

const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const MAX_FAILURES_WHILE_CONNECTED = 5;
const ZERO_COUNTS = { waiting: 0, delayed: 0, active: 0, prioritized: 0, failed: 0 };
type JobCounts = typeof ZERO_COUNTS;

/**
 * Producer side of the call-event queue. `enqueue` never waits for Redis: events go into a bounded in-memory buffer
 * that a few background writers drain, oldest first, with `addBulk`. While Redis is away their requests simply wait
 * (ioredis re-sends them on reconnect), so events pile up in the buffer, are counted, and flush later. Batches written
 * in parallel may land slightly out of order; the worker restores per-call order.
 * Job name = stage, job id = jobIdFor(call.id, seq): re-adding the same event is a no-op.
 */
export class CallEventQueue {
  private readonly redis: Redis;
  private readonly queue: Queue<CallEvent>;
  private readonly buffer: EventBuffer<CallEvent>;
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly jobOptions: JobsOptions;
  private readonly maxInFlight: number;
  private writers = 0;
  private readonly storedListeners = new Set<(batch: readonly CallEvent[]) => void>();
  /** Writers started that have not taken a batch yet. */
  private starting = 0;
  private failuresWhileConnected = 0;
  private lastCounts: JobCounts = ZERO_COUNTS;
  private closed = false;
  private stopped = false;
  private redisDown = false;

  constructor(private readonly opts: CallEventQueueOptions) {
    this.log = opts.log.child({ component: 'queue' });
    this.redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.redis.on('error', (err: Error) => this.onRedisError(err));
    this.redis.on('ready', () => this.onRedisReady());
    this.queue = new Queue<CallEvent>(CALL_EVENTS_QUEUE, { connection: this.redis, prefix: bullPrefix(opts.prefix) });
    this.queue.on('error', (err: Error) => this.log.debug({ err }, 'queue error'));
    this.buffer = new EventBuffer<CallEvent>(opts.bufferMax);
    this.batchSize = opts.batchSize ?? 500;
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.jobOptions = {
      attempts: opts.attempts, backoff: { type: CALL_SYNC_BACKOFF },
      removeOnComplete: KEEP_COMPLETED, removeOnFail: false,
    };
  }

  private onRedisError(err: Error): void {
    if (!this.redisDown) this.log.warn({ err }, 'redis unreachable; buffering call events in memory');
    this.redisDown = true;
  }

  private onRedisReady(): void {
    if (this.redisDown) this.log.info({ buffered: this.buffer.counters().buffered }, 'redis is back; flushing buffered call events');
    this.redisDown = false;
  }

  /** Accepts the event at once (false when the buffer is full and the event was dropped; that is logged). */
  enqueue(ev: CallEvent): boolean {
    if (this.closed) return this.refuse(ev, 'queue closed');
    if (!this.buffer.push(ev)) return this.refuse(ev, 'event buffer full');
    this.startWriters();
    return true;
  }

  private refuse(ev: CallEvent, reason: string): false {
    const dropped = this.buffer.counters().dropped;
    if (dropped <= 1 || dropped % 1000 === 0) {
      this.log.error({ callId: ev.call.id, stage: ev.stage, seq: ev.seq, dropped, reason }, 'call event dropped');
    }
    return false;
  }

  /**
   * Up to maxInFlight writers drain the buffer; each starts after the current task (a microtask), so the events of
   * one burst go in one batch. Events that arrive while every writer is waiting for Redis get a writer of their own
   * (up to the bound) instead of waiting for a round trip to end.
   */
  private startWriters(): void {
    while (this.writers < this.maxInFlight && this.starting * this.batchSize < this.buffer.size && !this.stopped) {
      this.writers += 1;
      this.starting += 1;
      void Promise.resolve()
        .then(() => { this.starting -= 1; return this.writeWhileBuffered(); })
        .finally(() => { this.writers -= 1; });
    }
  }

  private async writeWhileBuffered(): Promise<void> {
    while (this.buffer.size > 0 && !this.stopped) await this.writeBatch(this.buffer.take(this.batchSize));
  }

  private async writeBatch(batch: CallEvent[]): Promise<void> {
    try {
      await this.queue.addBulk(batch.map((ev) => ({
        name: ev.stage, data: ev, opts: { ...this.jobOptions, jobId: jobIdFor(ev.call.id, ev.seq) },
      })));
      this.buffer.stored(batch.length);
      this.failuresWhileConnected = 0;
      for (const listener of this.storedListeners) listener(batch);
    } catch (raw) {
      await this.onWriteError(toError(raw), batch);
    }
  }

  /** A failure while connected is a real error (not an outage): retry a few times, then drop the batch loudly. */
  private async onWriteError(err: Error, batch: CallEvent[]): Promise<void> {
    if (this.redis.status === 'ready') this.failuresWhileConnected += 1;
    if (this.failuresWhileConnected >= MAX_FAILURES_WHILE_CONNECTED) {
      this.buffer.discard(batch.length);
      this.failuresWhileConnected = 0;
      this.log.error({ err, dropped: batch.length }, 'call events dropped after repeated enqueue failures');
      return;
    }
    this.buffer.putBack(batch);
    this.log.warn({ err, buffered: this.buffer.size }, 'enqueue to redis failed; events stay buffered');
    await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** Math.min(this.failuresWhileConnected, 5)));
  }

  /** Resolves true once every buffered event is in Redis, false after timeoutMs. */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.counters().buffered > 0 || this.writers > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  private async jobCounts(): Promise<JobCounts> {
    const timeoutMs = this.opts.countsTimeoutMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
    const read = this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed')
      .then((c) => ({ ...ZERO_COUNTS, ...c }), () => null);
    const counts = await Promise.race([read, timeout]);
    clearTimeout(timer);
    if (counts !== null) this.lastCounts = counts;
    return this.lastCounts;
  }

  /** Events not yet applied: waiting + delayed + active in Redis, plus buffered here. Last known counts if Redis is away. */
  async depth(): Promise<number> {
    const c = await this.jobCounts();
    return c.waiting + c.prioritized + c.delayed + c.active + this.buffer.counters().buffered;
  }

  async stats(): Promise<QueueStats> {
    const c = await this.jobCounts();
    const b = this.buffer.counters();
    return { waiting: c.waiting + c.prioritized, delayed: c.delayed, active: c.active, failed: c.failed, buffered: b.buffered, droppedFromBuffer: b.dropped };
  }

  /** Buffer counters (accepted, flushed, dropped, buffered) without touching Redis. */
  bufferCounters(): BufferCounters {
    return this.buffer.counters();
  }

  /** Calls `listener` with every batch of events once it is in Redis; returns the unsubscribe function. */
  onStored(listener: (batch: readonly CallEvent[]) => void): () => void {
    this.storedListeners.add(listener);
    return () => { this.storedListeners.delete(listener); };
  }

  /**
   * The connection jobs are added on. Commands sent on it before an enqueue() reach Redis before that event's job
   * (one connection, applied in order): the tracker store writes on it (see SnapshotFirstForwarder).
   */
  get connection(): Redis {
    return this.redis;
  }

  redisConnected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Stops accepting, waits up to drainTimeoutMs for the buffer to reach Redis, then closes. */
  async close(drainTimeoutMs = 5000): Promise<void> {
    this.closed = true;
    if (!(await this.drained(drainTimeoutMs))) {
      this.log.error({ lost: this.buffer.counters().buffered }, 'call events still buffered at shutdown were lost');
    }
    this.stopped = true;
    this.redis.disconnect();
    await this.queue.close().catch(() => undefined);
  }
}
