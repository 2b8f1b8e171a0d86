import type { CallEvent } from '../calls/call.js';

/** What a tracker save writes of the outbox: events numbered in the order they entered, a window [first, next). */
export interface OutboxView {
  /** Number of the oldest event still in the outbox. */
  readonly first: number;
  /** Number the next event will get. */
  readonly next: number;
  /** The events numbered `from` (clamped to first) up to next, oldest first. */
  since(from: number): CallEvent[];
}

/**
 * The call events a tracker snapshot must carry (see SnapshotFirstForwarder): those not yet handed to the queue, and
 * those handed over but not yet known to be in Redis, for at most `keepMs` and at most `keepMax` of them. Events
 * leave in the order they entered (an event stored early waits for the older ones), so a save writes only the ones
 * that entered or left since the last save.
 */
export class Outbox implements OutboxView {
  private events: CallEvent[] = [];
  /** When each event was handed to the queue; NaN until then. Same index as `events`. */
  private forwardedAtMs: number[] = [];
  private readonly stored = new WeakSet<CallEvent>();
  private head = 0;
  private forwardedCount = 0;
  private base = 0;

  constructor(private readonly keepMs: number, private readonly keepMax: number, private readonly now: () => number = Date.now) {}

  get first(): number { return this.base + this.head; }
  get next(): number { return this.base + this.events.length; }
  get size(): number { return this.events.length - this.head; }

  add(ev: CallEvent): void {
    this.events.push(ev);
    this.forwardedAtMs.push(Number.NaN);
  }

  /** The oldest `count` events not yet forwarded were handed to the queue now. */
  forwarded(count: number): void {
    const at = this.now();
    const start = this.head + this.forwardedCount;
    const end = Math.min(this.events.length, start + count);
    for (let i = start; i < end; i += 1) this.forwardedAtMs[i] = at;
    this.forwardedCount += end - start;
  }

  /** The queue has these events in Redis: they leave with the next save. */
  markStored(events: readonly CallEvent[]): void {
    for (const ev of events) this.stored.add(ev);
  }

  /** Drops the newest `count` events, none of them forwarded (the lease went away before they were). */
  dropNewest(count: number): void {
    const keep = Math.max(this.head + this.forwardedCount, this.events.length - count);
    this.events.length = keep;
    this.forwardedAtMs.length = keep;
  }

  since(from: number): CallEvent[] {
    this.expire();
    return this.events.slice(Math.max(from, this.first) - this.base);
  }

  private expire(): void {
    const since = this.now() - this.keepMs;
    while (this.forwardedCount > 0 && (this.forwardedCount > this.keepMax || (this.forwardedAtMs[this.head] ?? 0) < since
      || this.stored.has(this.events[this.head] as CallEvent))) {
      this.head += 1;
      this.forwardedCount -= 1;
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.forwardedAtMs = this.forwardedAtMs.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }
}
