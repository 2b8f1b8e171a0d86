import type { RedisClient } from '../net/redis-client.js';
import type { Logger } from '../log.js';
import { withTimeout } from '../timeout.js';

const RENEW = 'if redis.call(\'get\', KEYS[1]) == ARGV[1] then return redis.call(\'pexpire\', KEYS[1], ARGV[2]) else return 0 end';
const RELEASE = 'if redis.call(\'get\', KEYS[1]) == ARGV[1] then return redis.call(\'del\', KEYS[1]) else return 0 end';

/** Resolves with the promise, or after `ms` regardless (the promise keeps running). */
async function withDeadline(promise: Promise<unknown>, ms: number): Promise<void> {
  await withTimeout(promise, ms, () => undefined);
}

export interface LeaseOptions {
  readonly key: string;
  readonly holderId: string;
  readonly ttlMs: number;
  /** How often to renew or try to take the lease; a third of the TTL by default. */
  readonly checkEveryMs?: number;
}

export interface LeaseEvents {
  acquired(): void;
  /** Somebody else holds the lease now (involuntary). */
  lost(): void;
  /**
   * Awaited before a lease is given up voluntarily (lease/lease-balancer.ts rebalancing), while this instance still
   * holds it: stop reading and save the state. RedisLease never gives a lease up while running, so never calls it.
   */
  release?(): Promise<void>;
}

/** What a PBX reader needs of its lease: RedisLease, or a LeaseBalancer's BalancedLease. */
export interface ReaderLease {
  start(events: LeaseEvents): Promise<void>;
  stop(): Promise<void>;
  readonly isHeld: boolean;
}

/**
 * A lease in Redis: exactly one holder at a time (SET NX PX), renewed while alive, released on stop.
 * When the holder dies the key expires and another instance takes over within ttlMs + checkEveryMs.
 * While Redis cannot be reached the holder keeps what it has (nobody else can take the lease through that Redis
 * either); when the key is gone after a Redis restart, the holder takes it again at once.
 */
export class RedisLease implements ReaderLease {
  private timer: NodeJS.Timeout | null = null;
  private held = false;
  private busy = false;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();

  constructor(private readonly redis: RedisClient, private readonly options: LeaseOptions, private readonly log: Logger) {}

  get isHeld(): boolean { return this.held; }

  async tryAcquire(): Promise<boolean> {
    const { key, holderId, ttlMs } = this.options;
    const ok = await this.redis.set(key, holderId, 'PX', ttlMs, 'NX');
    return ok === 'OK';
  }

  async renew(): Promise<boolean> {
    const { key, holderId, ttlMs } = this.options;
    return (await this.redis.eval(RENEW, 1, key, holderId, String(ttlMs))) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.options.key, this.options.holderId);
  }

  /**
   * Starts the renew/acquire loop; `events.acquired` and `events.lost` fire on every change.
   * Resolves when the first check is over (acquired() has fired by then if the lease was free).
   */
  start(events: LeaseEvents): Promise<void> {
    this.stopped = false;
    const every = this.options.checkEveryMs ?? Math.max(100, Math.floor(this.options.ttlMs / 3));
    this.timer = setInterval(() => { void this.check(events); }, every);
    this.timer.unref();
    return this.check(events);
  }

  /** One renew-or-acquire round; a round already in flight is joined, not doubled. */
  private check(events: LeaseEvents): Promise<void> {
    if (this.busy) return this.current;
    this.busy = true;
    this.current = this.checkOnce(events).finally(() => { this.busy = false; });
    return this.current;
  }

  private async checkOnce(events: LeaseEvents): Promise<void> {
    try {
      // renew first even when not held: a restarted instance with a stable id takes its own lease back at once
      const nowHeld = (await this.renew()) || (await this.tryAcquire());
      if (this.stopped) { this.held = nowHeld; return; } // stop() releases it; no events after stop
      this.transition(nowHeld, events);
    } catch (err) {
      this.log.warn({ err, key: this.options.key, held: this.held }, 'lease check failed; keeping the current state until Redis answers');
    }
  }

  private transition(nowHeld: boolean, events: LeaseEvents): void {
    if (nowHeld === this.held) return;
    this.held = nowHeld;
    this.log.info({ key: this.options.key, holder: this.options.holderId, held: nowHeld }, nowHeld ? 'lease acquired' : 'lease lost');
    if (nowHeld) events.acquired(); else events.lost();
  }

  /** Stops renewing; waits for a check in flight (so no event fires after stop) and releases the lease if held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // one TTL for both waits: with Redis away the lease has expired by itself after that anyway
    const deadline = Date.now() + this.options.ttlMs;
    await withDeadline(this.current, this.options.ttlMs);
    if (this.held) {
      this.held = false;
      try { await withDeadline(this.release(), Math.max(0, deadline - Date.now())); } catch (err) { this.log.warn({ err }, 'lease release failed; it will expire'); }
    }
  }
}
