import type { RedisClient } from '../net/redis-client.js';
import type { Disposition } from '../calls/call.js';
import type { CallJournal } from '../journal/call-journal.js';
import type { CallRecord } from '../journal/call-record.js';

export interface MissedCall {
  readonly record: CallRecord;
  readonly done: boolean;
}

/**
 * Missed calls owned by an operator, with a done flag. The console reads them only through this interface, so the
 * missed-call work items (owner and called-back state in the journal) can replace this source without touching it.
 */
export interface MissedCallSource {
  list(owner: string, options: { readonly limit: number; readonly includeDone: boolean }): Promise<MissedCall[]>;
  /** The call when `owner` owns it (null otherwise). */
  get(owner: string, callId: string): Promise<MissedCall | null>;
  setDone(owner: string, callId: string, done: boolean): Promise<void>;
}

const MISSED: ReadonlySet<Disposition> = new Set(['missed', 'noanswer', 'busy']);
/** Done flags are kept this long (longer than anybody scrolls the missed list). */
const DONE_TTL_SEC = 90 * 86_400;
const SCAN_LIMIT = 500;

/** Today's source: inbound journal calls with a missed disposition whose agent (the missed-call owner) is the operator; done flags in Redis. */
export class JournalMissedCalls implements MissedCallSource {
  constructor(private readonly journal: Pick<CallJournal, 'list' | 'get'>, private readonly redis: RedisClient, private readonly prefix: string) {}

  private doneKey(owner: string): string {
    return `${this.prefix}:console:missed-done:${owner}`;
  }

  private owns(record: CallRecord, owner: string): boolean {
    return record.direction === 'inbound' && record.disposition !== null && MISSED.has(record.disposition) && record.agent === owner;
  }

  async list(owner: string, options: { limit: number; includeDone: boolean }): Promise<MissedCall[]> {
    const page = await this.journal.list({ extension: owner, limit: SCAN_LIMIT });
    const mine = page.items.filter((r) => this.owns(r, owner));
    const done = new Set(mine.length > 0 ? await this.redis.smembers(this.doneKey(owner)) : []);
    return mine.map((record) => ({ record, done: done.has(record.id) }))
      .filter((m) => options.includeDone || !m.done).slice(0, options.limit);
  }

  async get(owner: string, callId: string): Promise<MissedCall | null> {
    const record = await this.journal.get(callId);
    if (!record || !this.owns(record, owner)) return null;
    return { record, done: (await this.redis.sismember(this.doneKey(owner), callId)) === 1 };
  }

  async setDone(owner: string, callId: string, done: boolean): Promise<void> {
    const key = this.doneKey(owner);
    if (done) await this.redis.multi().sadd(key, callId).expire(key, DONE_TTL_SEC).exec();
    else await this.redis.srem(key, callId);
  }
}
