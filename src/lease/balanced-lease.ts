import type { LeaseEvents, ReaderLease } from './redis-lease.js';

/** The balancer's side of a handle. */
export interface LeaseOwner {
  open(lease: BalancedLease): Promise<void>;
  close(lease: BalancedLease): Promise<void>;
}

/**
 * One lease key as a LeaseBalancer runs it, with RedisLease's API (`start`, `stop`, `isHeld`). The balancer takes,
 * renews and gives it up; the handle only records what the balancer decided and passes it on to its events.
 */
export class BalancedLease implements ReaderLease {
  private held = false;
  private running = false;
  private handlers: LeaseEvents | null = null;
  /** Changes with every change of `held`, so a reply that was sent before the change is recognised as stale. */
  private changes = 0;

  constructor(readonly key: string, private readonly owner: LeaseOwner) {}

  get isHeld(): boolean { return this.held; }
  /** Between start() and stop(): the balancer checks it in each round and fires its events. */
  get isActive(): boolean { return this.running; }
  get version(): number { return this.changes; }
  get events(): LeaseEvents | null { return this.running ? this.handlers : null; }

  /** Starts taking part; resolves when the first round that includes this key is over (acquired() fired if it was taken). */
  start(events: LeaseEvents): Promise<void> {
    this.handlers = events; // started twice: the second caller's events replace the first's
    this.running = true;
    return this.owner.open(this);
  }

  /** Stops taking part; no event fires after it; the key is freed for anyone if this instance held it. */
  stop(): Promise<void> {
    this.running = false;
    return this.owner.close(this);
  }

  /** The balancer's record of a change (events are fired by the balancer). */
  setHeld(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.changes += 1;
  }
}
