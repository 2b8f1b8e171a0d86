import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';

/** How long a batch waits for its snapshot before it goes to the queue anyway (Redis away: the queue buffers it). */
const SNAPSHOT_WAIT_MS = 1000;
/** Forwarded events stay in the outbox this long: ample for the queue's writers to put them in Redis. */
const OUTBOX_KEEP_MS = 2000;
const OUTBOX_MAX = 2000;

/**
 * Hands call events to the queue only after a tracker snapshot that already contains them, and lists them in its
 * outbox, is in Redis. Job ids are `${callId}-${seq}`, so both orders alone lose calls on kill -9:
 *  - queue first: the next reader resumes from an older snapshot and emits a *different* event with a seq already
 *    used (`ended` where `answered` was); BullMQ drops it as a duplicate id and the call is never finished;
 *  - snapshot first: an event the snapshot covers but the queue never got is gone, and if it was `ended` the
 *    call is closed in the tracker and never finished in the CRM.
 * With the outbox in the same Redis value as the state, the next reader re-enqueues the outbox (a no-op for jobs
 * that exist) and continues with seqs after it. Events that arrive while a snapshot is written share the next one.
 */
export class SnapshotFirstForwarder {
  private pending: CallEvent[] = [];
  /** Batches waiting for their snapshot, oldest first. */
  private inFlight: CallEvent[] = [];
  private recent: Array<{ readonly ev: CallEvent; readonly atMs: number }> = [];
  private scheduled = false;
  private pumping: Promise<void> | null = null;
  private epoch = 0;

  constructor(
    private readonly forward: (ev: CallEvent) => void,
    private readonly snapshot: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** What the next snapshot must carry: events not yet forwarded, and those forwarded in the last few seconds. */
  outbox(): CallEvent[] {
    const since = Date.now() - OUTBOX_KEEP_MS;
    this.recent = this.recent.filter((r) => r.atMs >= since).slice(-OUTBOX_MAX);
    return [...this.recent.map((r) => r.ev), ...this.inFlight, ...this.pending];
  }

  readonly push = (ev: CallEvent): void => {
    this.pending.push(ev);
    if (this.scheduled || this.pumping) return; // a running pump picks it up
    this.scheduled = true;
    setImmediate(() => {
      if (!this.scheduled) return; // drained or discarded meanwhile
      this.scheduled = false;
      this.startPump();
    });
  };

  private startPump(): void {
    if (this.pumping) return;
    const run: Promise<void> = this.pump().finally(() => { if (this.pumping === run) this.pumping = null; });
    this.pumping = run;
  }

  /** One snapshot per round for everything pending then: under load, rounds grow instead of snapshots queueing up. */
  private async pump(): Promise<void> {
    while (this.pending.length > 0) {
      const epoch = this.epoch;
      const batch = this.pending.splice(0);
      this.inFlight.push(...batch);
      await this.snapshotOrTimeout();
      if (epoch !== this.epoch) return; // discarded while the snapshot was written
      this.inFlight.splice(0, batch.length);
      const atMs = Date.now();
      for (const ev of batch) { this.recent.push({ ev, atMs }); this.forward(ev); }
    }
  }

  private async snapshotOrTimeout(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), SNAPSHOT_WAIT_MS); });
    const outcome = await Promise.race([this.snapshot().then(() => 'saved' as const, () => 'failed' as const), timeout]);
    clearTimeout(timer);
    if (outcome !== 'saved') this.log.warn({ outcome }, 'tracker snapshot not written before its call events were queued');
  }

  /** Forwards everything pending (after its snapshot) and resolves when done. */
  async drain(): Promise<void> {
    this.scheduled = false;
    while (this.pumping || this.pending.length > 0) {
      this.startPump();
      await this.pumping;
    }
  }

  /** Drops what is pending: the lease went to another instance, which continues from the last snapshot. */
  discard(): number {
    const n = this.pending.length + this.inFlight.length;
    this.pending = [];
    this.inFlight = [];
    this.scheduled = false;
    this.epoch += 1;
    return n;
  }
}
