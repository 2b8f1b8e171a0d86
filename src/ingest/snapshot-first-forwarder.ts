import type { CallEvent } from '../calls/call.js';
import type { Logger } from '../log.js';

/** How long a batch waits for its snapshot before it goes to the queue anyway (Redis away: the queue buffers it). */
const SNAPSHOT_WAIT_MS = 1000;
/** Forwarded events stay in the outbox this long: ample for the queue's writers to put them in Redis. */
const OUTBOX_KEEP_MS = 5000;
const OUTBOX_MAX = 5000;

/**
 * Hands call events to the queue only after a tracker snapshot that already contains them, and lists them in its
 * outbox, is in Redis. Job ids are `${callId}-${seq}`, so both orders alone lose calls on kill -9:
 *  - queue first: the next reader resumes from an older snapshot and emits a *different* event with a seq already
 *    used (`ended` where `answered` was); BullMQ drops it as a duplicate id and the call is never finished;
 *  - snapshot first: an event the snapshot covers but the queue never got is gone, and if it was `ended` the
 *    call is closed in the tracker and never finished in the CRM.
 * With the outbox in the same Redis value as the state, the next reader re-enqueues the outbox (a no-op for jobs
 * that exist) and continues with seqs after it. Events emitted in one macrotask share one snapshot.
 */
export class SnapshotFirstForwarder {
  private pending: CallEvent[] = [];
  /** Batches waiting for their snapshot, oldest first. */
  private inFlight: CallEvent[] = [];
  private recent: Array<{ readonly ev: CallEvent; readonly atMs: number }> = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

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
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  };

  private flush(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    this.inFlight.push(...batch);
    this.chain = this.chain.then(() => this.snapshotOrTimeout()).then(() => {
      this.inFlight.splice(0, batch.length);
      const atMs = Date.now();
      for (const ev of batch) { this.recent.push({ ev, atMs }); this.forward(ev); }
    });
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
    this.scheduled = true;
    this.flush();
    await this.chain;
  }

  /** Drops what is pending: the lease went to another instance, which continues from the last snapshot. */
  discard(): number {
    const n = this.pending.length + this.inFlight.length;
    this.pending = [];
    this.inFlight = [];
    this.scheduled = false;
    return n;
  }
}
