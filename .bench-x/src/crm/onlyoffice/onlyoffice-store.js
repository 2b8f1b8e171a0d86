const CALL_TTL_SEC = 3 * 24 * 3600;
const CREATED_TTL_SEC = 15 * 60;
const KINDS = ['contact', 'company', 'lead', 'deal'];
/** Redis memory of what this adapter already did in ONLYOFFICE (keys under `<prefix>:oo:`). */
export class OnlyofficeStore {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(kind, id) {
        return `${this.prefix}:oo:${kind}:${id}`;
    }
    async getRef(callId) {
        const h = await this.redis.hgetall(this.key('call', callId));
        if (!h['crmCallId'])
            return null;
        const kind = KINDS.find((k) => k === h['entityKind']);
        return { callId, crmCallId: h['crmCallId'], entity: kind && h['entityId'] ? { kind, id: h['entityId'] } : null };
    }
    async get(callId, name) {
        return this.redis.hget(this.key('call', callId), name);
    }
    async set(callId, fields) {
        const key = this.key('call', callId);
        await this.redis.multi().hset(key, fields).expire(key, CALL_TTL_SEC).exec();
    }
    /** A once-per-call side effect keyed by an arbitrary name (e.g. one recording). */
    async isDone(callId, step) {
        return (await this.redis.hexists(this.key('call', callId), `done:${step}`)) === 1;
    }
    async markDone(callId, step) {
        const key = this.key('call', callId);
        await this.redis.multi().hset(key, `done:${step}`, '1').expire(key, CALL_TTL_SEC).exec();
    }
    /** Progress of one entity creation (person id, then phone attached), so a retry resumes instead of repeating. */
    async created(dedupKey) {
        const h = await this.redis.hgetall(this.key('created', dedupKey));
        return { id: h['id'] ?? null, phoneAdded: h['phoneAdded'] === '1' };
    }
    async saveCreated(dedupKey, fields) {
        const key = this.key('created', dedupKey);
        await this.redis.multi().hset(key, fields).expire(key, CREATED_TTL_SEC).exec();
    }
    /** The primary contact of an opportunity this adapter created (the call journal needs a contact id). */
    async dealContact(dealId) {
        return this.redis.get(this.key('dealcontact', dealId));
    }
    async saveDealContact(dealId, contactId) {
        await this.redis.set(this.key('dealcontact', dealId), contactId, 'EX', CALL_TTL_SEC);
    }
}
