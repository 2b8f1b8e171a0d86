import type { RedisClient } from '../../net/redis-client.js';
import type { CrmCallRef, EntityKind } from '../adapter.js';

const CALL_TTL_SEC = 3 * 24 * 3600;
const CREATED_TTL_SEC = 15 * 60;
const KINDS: readonly EntityKind[] = ['contact', 'company', 'lead', 'deal'];

/** What the adapter remembers per call. Every step that changes ONLYOFFICE sets its flag, so a retry never repeats it. */
export type CallField = 'crmCallId' | 'entityKind' | 'entityId' | 'contactId' | 'journal' | 'extension' | 'historyRecording' | 'taskId';

/** Redis memory of what this adapter already did in ONLYOFFICE (keys under `<prefix>:oo:`). */
export class OnlyofficeStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

  private key(kind: string, id: string): string {
    return `${this.prefix}:oo:${kind}:${id}`;
  }

  async getRef(callId: string): Promise<CrmCallRef | null> {
    const h = await this.redis.hgetall(this.key('call', callId));
    if (!h['crmCallId']) return null;
    const kind = KINDS.find((k) => k === h['entityKind']);
    return { callId, crmCallId: h['crmCallId'], entity: kind && h['entityId'] ? { kind, id: h['entityId'] } : null };
  }

  async get(callId: string, name: CallField): Promise<string | null> {
    return this.redis.hget(this.key('call', callId), name);
  }

  async set(callId: string, fields: Partial<Record<CallField, string>>): Promise<void> {
    const key = this.key('call', callId);
    await this.redis.multi().hset(key, fields).expire(key, CALL_TTL_SEC).exec();
  }

  /** A once-per-call side effect keyed by an arbitrary name (e.g. one recording). */
  async isDone(callId: string, step: string): Promise<boolean> {
    return (await this.redis.hexists(this.key('call', callId), `done:${step}`)) === 1;
  }

  async markDone(callId: string, step: string): Promise<void> {
    const key = this.key('call', callId);
    await this.redis.multi().hset(key, `done:${step}`, '1').expire(key, CALL_TTL_SEC).exec();
  }

  /** Progress of one entity creation (person id, then phone attached), so a retry resumes instead of repeating. */
  async created(dedupKey: string): Promise<{ id: string | null; phoneAdded: boolean }> {
    const h = await this.redis.hgetall(this.key('created', dedupKey));
    return { id: h['id'] ?? null, phoneAdded: h['phoneAdded'] === '1' };
  }

  async saveCreated(dedupKey: string, fields: { id?: string; phoneAdded?: '1' }): Promise<void> {
    const key = this.key('created', dedupKey);
    await this.redis.multi().hset(key, fields).expire(key, CREATED_TTL_SEC).exec();
  }

  /** The primary contact of an opportunity this adapter created (the call journal needs a contact id). */
  async dealContact(dealId: string): Promise<string | null> {
    return this.redis.get(this.key('dealcontact', dealId));
  }

  async saveDealContact(dealId: string, contactId: string): Promise<void> {
    await this.redis.set(this.key('dealcontact', dealId), contactId, 'EX', CALL_TTL_SEC);
  }
}
