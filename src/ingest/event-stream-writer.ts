import type { RedisClient } from '../net/redis-client.js';
import type { CallEvent } from '../calls/call.js';
import type { OutboxView } from './outbox.js';

/** A stream of one entry per call event (the operator console's cards), written with the tracker state. */
export interface EventStreamOptions {
  /** The Redis stream: one entry per event, field `card`. */
  readonly key: string;
  /** Hash call id → the latest entry of each current call (deleted at its end). */
  readonly currentKey: string;
  /** Entries kept at most (approximately: `MAXLEN ~`). */
  readonly maxLen: number;
  /** Entries older than this are trimmed (`MINID ~`). */
  readonly keepMs: number;
  readonly entry: (ev: CallEvent) => { readonly callId: string; readonly json: string; readonly current: boolean };
}

/**
 * Adds the outbox events no write carried yet to the stream, inside the state write's MULTI: RedisClient then holds an
 * event's entry exactly when it holds the state that produced it, so a crash or a lease handover neither loses nor
 * repeats one (the next reader continues after that state). A write that fails sends its events again with the next.
 */
export class EventStreamWriter {
  /** Outbox number of the first event not yet sent to the stream. */
  private next = 0;

  constructor(private readonly opts: EventStreamOptions) {}

  restart(published: number): void {
    this.next = published;
  }

  /** Queues the new events' entries on `multi`; returns the outbox number they start at (for `failed`). */
  append(multi: ReturnType<RedisClient['multi']>, outbox: OutboxView): number | null {
    const rows = outbox.since(this.next);
    const from = this.next;
    this.next = outbox.next;
    if (rows.length === 0) return null;
    const { key, currentKey, maxLen, keepMs } = this.opts;
    for (const [, ev] of rows) {
      const entry = this.opts.entry(ev);
      multi.xadd(key, 'MAXLEN', '~', String(maxLen), '*', 'card', entry.json);
      if (entry.current) multi.hset(currentKey, entry.callId, entry.json);
      else multi.hdel(currentKey, entry.callId);
    }
    multi.xtrim(key, 'MINID', '~', `${Date.now() - keepMs}-0`);
    return from;
  }

  /** The write that carried events from `from` on failed: send them again (a page drops a repeated seq). */
  failed(from: number): void {
    this.next = Math.min(this.next, from);
  }
}
