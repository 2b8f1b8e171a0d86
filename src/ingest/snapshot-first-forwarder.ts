import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';
import { Outbox, type OutboxView } from './outbox.js';

/** Forwarded events stay in the outbox until the queue has them in Redis (stored()), or at most this long. */
const OUTBOX_KEEP_MS = 2000;
const OUTBOX_MAX = 2000;

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

  /**
   * `snapshot(batch)` must send (not necessarily finish) its write before it returns, on the queue's connection;
   * its promise only reports the outcome.
   */
  constructor(
    private readonly forward: (ev: CallEvent) => void,
    private readonly snapshot: (batch: readonly CallEvent[]) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** What the next snapshot must carry: events not yet forwarded, and those forwarded but not known stored. */
  outbox(): CallEvent[] {
    return this.box.since(0);
  }

  /** The outbox as a numbered window, for stores that write only what entered or left it. */
  get outboxView(): OutboxView {
    return this.box;
  }

  readonly push = (ev: CallEvent): void => {
    this.pending.push(ev);
    this.box.add(ev);
    if (this.scheduled) return;
    this.scheduled = true;
    // a microtask: after the piece of the AMI stream being parsed, before the next one. (setImmediate waited for
    // every socket read the poll phase had queued, 20+ ms after a stall.)
    queueMicrotask(() => {
      if (!this.scheduled) return; // drained or discarded meanwhile
      this.scheduled = false;
      this.flush();
    });
  };

  /** One snapshot for everything pending, sent before the events are forwarded. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const written = this.snapshot(batch);
    this.box.forwarded(batch.length);
    for (const ev of batch) this.forward(ev);
    written.catch((err: unknown) => this.log.warn({ err }, 'tracker snapshot failed after its call events were queued'));
  }

  /** The queue has these events in Redis: the outbox no longer needs them. */
  readonly stored = (batch: readonly CallEvent[]): void => {
    this.box.markStored(batch);
  };

  /** Forwards everything pending (after its snapshot). */
  drain(): void {
    this.scheduled = false;
    this.flush();
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
