import { entityKindOf } from './call-mapping.js';
const CALL_TTL_SEC = 3 * 24 * 3600;
const CREATED_TTL_SEC = 15 * 60;
/** How long we trust what we last saw or set as an entity's ASSIGNED_BY_ID (it can be changed in Bitrix24 meanwhile). */
const ASSIGNEE_TTL_SEC = 5 * 60;
/** Redis memory of what this adapter already did, so a retried job never repeats a side effect. */
export class CallStore {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(kind, id) {
        return `${this.prefix}:b24:${kind}:${id}`;
    }
    async getCall(callId) {
        const h = await this.redis.hgetall(this.key('call', callId));
        if (!h['crmCallId'])
            return null;
        const kind = entityKindOf(h['entityKind']);
        const entity = kind && h['entityId'] ? { kind, id: h['entityId'] } : null;
        return { callId, crmCallId: h['crmCallId'], entity };
    }
    /** `cardsShown` false: the registration's cards still have to be shown (a retried registerCall does it). */
    async saveCall(ref, userId, cardsShown = true) {
        const key = this.key('call', ref.callId);
        const fields = { crmCallId: ref.crmCallId, cards: cardsShown ? '1' : '0' };
        if (ref.entity)
            Object.assign(fields, { entityKind: ref.entity.kind, entityId: ref.entity.id });
        if (userId)
            fields['userId'] = userId;
        await this.redis.multi().hset(key, fields).expire(key, CALL_TTL_SEC).exec();
    }
    /** The CRM activity finish wrote for the call (its CRM_ACTIVITY_ID): where further recordings are listed. */
    async saveActivity(callId, activityId) {
        const key = this.key('call', callId);
        await this.redis.multi().hset(key, 'activityId', activityId).expire(key, CALL_TTL_SEC).exec();
    }
    async activity(callId) {
        return this.redis.hget(this.key('call', callId), 'activityId');
    }
    /** The sentence about what the bridge did not see of the call, kept for the activity description (recordings add to it). */
    async saveNote(callId, note) {
        const key = this.key('call', callId);
        await this.redis.multi().hset(key, 'note', note).expire(key, CALL_TTL_SEC).exec();
    }
    async note(callId) {
        return this.redis.hget(this.key('call', callId), 'note');
    }
    /** Whether the cards asked for at registration were shown (calls stored before this flag count as shown). */
    async registrationCardsShown(callId) {
        return (await this.redis.hget(this.key('call', callId), 'cards')) !== '0';
    }
    async markRegistrationCardsShown(callId) {
        await this.redis.hset(this.key('call', callId), 'cards', '1');
    }
    /** The entity's ASSIGNED_BY_ID as we last saw or set it, for a short while. */
    async assignee(entity) {
        return this.redis.get(this.key('assignee', `${entity.kind}:${entity.id}`));
    }
    async rememberAssignee(entity, userId) {
        await this.redis.set(this.key('assignee', `${entity.kind}:${entity.id}`), userId, 'EX', ASSIGNEE_TTL_SEC);
    }
    /** The user the call belongs to: the one set by setResponsible, else the one it was registered to. */
    async callUser(callId) {
        const [responsible, registered] = await this.redis.hmget(this.key('call', callId), 'responsibleUserId', 'userId');
        return responsible ?? registered ?? null;
    }
    async setCallResponsible(callId, userId) {
        const key = this.key('call', callId);
        await this.redis.multi().hset(key, 'responsibleUserId', userId).expire(key, CALL_TTL_SEC).exec();
    }
    /** Remembers a side effect (created entity, task) or when a recording was first missed (created entity, task) under a key; returns what was stored before, if anything. */
    async recall(kind, id) {
        return this.redis.get(this.key(kind, id));
    }
    async remember(kind, id, value) {
        await this.redis.set(this.key(kind, id), value, 'EX', kind === 'created' ? CREATED_TTL_SEC : CALL_TTL_SEC);
    }
}
