/** Counters of the in-memory buffer that holds events until Redis takes them. */
export interface BufferCounters {
  readonly buffered: number;   // events held right now (waiting, or being written to Redis)
  readonly accepted: number;   // events ever accepted
  readonly flushed: number;    // events Redis took
  readonly dropped: number;    // events refused because the buffer was full, or given up after repeated errors
}

/**
 * A bounded FIFO of events on their way to Redis. `take` hands a batch to a writer; the writer then calls `stored`,
 * `putBack` (an outage: the batch goes back to the front) or `discard`. Taken batches still count against the bound.
 */
export class EventBuffer<T> {
  private items: T[] = [];
  private head = 0;
  private taken = 0;
  private counts = { accepted: 0, flushed: 0, dropped: 0 };

  constructor(private readonly maxItems: number) {}

  /** Events waiting to be taken. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Returns false (and counts a drop) when the buffer is full. */
  push(item: T): boolean {
    if (this.size + this.taken >= this.maxItems) {
      this.counts.dropped += 1;
      return false;
    }
    this.items.push(item);
    this.counts.accepted += 1;
    return true;
  }

  /** Removes and returns the oldest `max` events for writing. */
  take(max: number): T[] {
    const batch = this.items.slice(this.head, this.head + max);
    this.head += batch.length;
    this.taken += batch.length;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  stored(n: number): void {
    this.taken -= n;
    this.counts.flushed += n;
  }

  /** A batch that could not be written goes back to the front, ahead of newer events. */
  putBack(batch: readonly T[]): void {
    this.taken -= batch.length;
    this.items = [...batch, ...this.items.slice(this.head)];
    this.head = 0;
  }

  /** A batch that can never be written is dropped and counted. */
  discard(n: number): void {
    this.taken -= n;
    this.counts.dropped += n;
  }

  counters(): BufferCounters {
    return { buffered: this.size + this.taken, ...this.counts };
  }
}
