import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';
import { Outbox, type OutboxView } from './outbox.js';

/**
 * Forwarded events stay in the outbox until the queue has them in Redis (stored()), at most this long (a slow or
 * absent Redis) and OUTBOX_MAX of them; normally they leave within milliseconds.
 */
const OUTBOX_KEEP_MS = 60_000;
const OUTBOX_MAX = 2000;
/**
 * Snapshot writes sent and not answered at most; past that, events wait here and go with the next one. Normally one
 * or two are in flight; while Redis is away this keeps the writes queued in the client to a few.
 */
const SNAPSHOTS_IN_FLIGHT_MAX = 4;
/** Events waiting for a snapshot at most (Redis away); past that they go to the queue without one (see flush). */
const PENDING_MAX = 20_000;

/**
 * Hands call events to the queue only after the tracker snapshot of their calls, listing them in its outbox, has
 * been sent to Redis on the connection the queue writes on. Redis applies one connection's commands in the order they
 * were sent, so it never holds a job without the state that produced it; nothing waits for the snapshot's reply.
 * Job ids are `${callId}-${seq}`, so both orders alone lose calls on kill -9:
 *  - queue first: the next reader resumes from an older snapshot and emits a *different* event with a seq already
 *    used (`ended` where `answered` was); BullMQ drops it as a duplicate id and the call is never finished;
 *  - snapshot first, queue never reached: if the lost event was `ended`, the call is closed in the tracker and never
 *    finished in the CRM.
 * With the outbox in the same write as the state, the next reader re-enqueues the outbox (a no-op for jobs that
 * exist) and continues with seqs after it. Events pushed within one task (one piece of the AMI stream) share one snapshot.
 */
export class SnapshotFirstForwarder {
  private pending: CallEvent[] = [];
  private readonly box = new Outbox(OUTBOX_KEEP_MS, OUTBOX_MAX);
  private scheduled = false;
  private snapshotsInFlight = 0;
  private unsnapshotted = 0;

  /**
   * `snapshot(batch)` must send (not necessarily finish) its write before it returns, on the queue's connection;
   * its promise only reports the outcome.
   */
  constructor(
    private readonly forward: (ev: CallEvent) => void,
    private readonly snapshot: (batch: readonly CallEvent[]) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /**
   * What the next snapshot must carry (events not yet forwarded, and those forwarded but not known stored), as a
   * numbered window, so a store writes only what entered or left it.
   */
  get outboxView(): OutboxView {
    return this.box;
  }

  readonly push = (ev: CallEvent): void => {
    this.pending.push(ev);
    this.box.add(ev);
    this.schedule();
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // a microtask: after the piece of the AMI stream being parsed, before the next one. (setImmediate waited for
    // every socket read the poll phase had queued, 20+ ms after a stall.)
    queueMicrotask(() => {
      if (!this.scheduled) return; // drained or discarded meanwhile
      this.scheduled = false;
      this.flush();
    });
  }

  /**
   * One snapshot for everything pending, sent before the events are forwarded. With SNAPSHOTS_IN_FLIGHT_MAX writes
   * unanswered (Redis away) events wait for the next answer, up to PENDING_MAX; beyond that the oldest go to the
   * queue (which bounds and counts what it buffers) without a snapshot of their own, listed in the next one's outbox.
   */
  private flush(force = false): void {
    if (this.pending.length === 0) return;
    if (!force && this.snapshotsInFlight >= SNAPSHOTS_IN_FLIGHT_MAX) {
      this.forwardOverflow();
      return;
    }
    const batch = this.pending;
    this.pending = [];
    this.snapshotsInFlight += 1;
    const written = this.snapshot(batch);
    this.box.forwarded(batch.length);
    for (const ev of batch) this.forward(ev);
    written.catch((err: unknown) => this.log.warn({ err }, 'tracker snapshot failed after its call events were queued'))
      .finally(() => {
        this.snapshotsInFlight -= 1;
        if (this.pending.length > 0) this.schedule();
      });
  }

  private forwardOverflow(): void {
    const over = this.pending.length - PENDING_MAX;
    if (over <= 0) return;
    const batch = this.pending.splice(0, over);
    this.box.forwarded(batch.length);
    for (const ev of batch) this.forward(ev);
    this.unsnapshotted += batch.length;
    this.log.warn({ events: batch.length, total: this.unsnapshotted }, 'Redis is not answering tracker snapshots; call events queued without one');
  }

  /** The queue has these events in Redis: the outbox no longer needs them. */
  readonly stored = (batch: readonly CallEvent[]): void => {
    this.box.markStored(batch);
  };

  /** Forwards everything pending (after its snapshot), however many snapshots are in flight. */
  drain(): void {
    this.scheduled = false;
    this.flush(true);
  }

  /** Drops what is pending: the lease went to another instance, which continues from the last snapshot. */
  discard(): number {
    const n = this.pending.length;
    this.box.dropNewest(n);
    this.pending = [];
    this.scheduled = false;
    return n;
  }
}
