import { randomUUID } from 'node:crypto';
import { RetryableError } from '../errors.js';
const STATE_TTL_SEC = 7 * 24 * 3600;
const RELEASE_LUA = 'if redis.call(\'GET\', KEYS[1]) == ARGV[1] then return redis.call(\'DEL\', KEYS[1]) else return 0 end';
const DEFAULT_LOCK = { ttlMs: 15_000, waitMs: 10_000 };
/**
 * Per-call sync state in Redis, so a retried or replayed job reuses what is done:
 * the CRM call ref, the steps done, the entities created, and the extensions that see the card.
 */
export class SyncStateStore {
    redis;
    prefix;
    lock;
    constructor(redis, prefix, lock = DEFAULT_LOCK) {
        this.redis = redis;
        this.prefix = prefix;
        this.lock = lock;
    }
    callKey(callId) {
        return `${this.prefix}:sync:call:${callId}`;
    }
    shownKey(callId) {
        return `${this.prefix}:sync:shown:${callId}`;
    }
    async getRef(callId) {
        const raw = await this.redis.hget(this.callKey(callId), 'ref');
        return raw === null ? null : JSON.parse(raw);
    }
    async saveRef(ref) {
        await this.setField(ref.callId, 'ref', JSON.stringify(ref));
    }
    async isDone(callId, step) {
        return (await this.redis.hexists(this.callKey(callId), `step:${step}`)) === 1;
    }
    async markDone(callId, step) {
        await this.setField(callId, `step:${step}`, String(Date.now()));
    }
    async getCreated(callId, role) {
        const raw = await this.redis.hget(this.callKey(callId), `created:${role}`);
        return raw === null ? null : JSON.parse(raw);
    }
    async saveCreated(callId, role, entity) {
        await this.setField(callId, `created:${role}`, JSON.stringify(entity));
    }
    /** What the CRM said of the caller at registration: the client's responsible and name (missed-call owner, messages). */
    async saveClient(callId, client) {
        await this.setField(callId, 'client', JSON.stringify(client));
    }
    async client(callId) {
        const raw = await this.redis.hget(this.callKey(callId), 'client');
        return raw === null ? null : JSON.parse(raw);
    }
    async shown(callId) {
        return this.redis.smembers(this.shownKey(callId));
    }
    async addShown(callId, extensions) {
        if (extensions.length === 0)
            return;
        await this.redis.multi().sadd(this.shownKey(callId), ...extensions).expire(this.shownKey(callId), STATE_TTL_SEC).exec();
    }
    async removeShown(callId, extensions) {
        if (extensions.length > 0)
            await this.redis.srem(this.shownKey(callId), ...extensions);
    }
    /** Click-to-call: what the daemon itself placed under this call id (the CRM's own call id, callback or not). */
    async rememberPlacedCall(callId, placed) {
        await this.redis.set(`${this.prefix}:sync:placed:${callId}`, JSON.stringify(placed), 'EX', STATE_TTL_SEC);
    }
    async placedCall(callId) {
        const raw = await this.redis.get(`${this.prefix}:sync:placed:${callId}`);
        return raw === null ? null : JSON.parse(raw);
    }
    async setField(callId, field, value) {
        await this.redis.multi().hset(this.callKey(callId), field, value).expire(this.callKey(callId), STATE_TTL_SEC).exec();
    }
    async forgetStep(callId, step) {
        await this.redis.hdel(this.callKey(callId), `step:${step}`);
    }
    /**
     * The end of a call reached sync: its `ended` event is kept (what a resend applies again), indexed by its end, and the
     * call is pending until noteSynced; a pending call whose `dueMs` passed is one whose CRM stages never completed.
     * The call's step state is kept as long as its event (renewed together).
     */
    async noteEnded(ev, dueMs) {
        const endedAtMs = ev.call.endedAtMs ?? ev.atMs;
        const id = ev.call.id;
        await this.redis.multi()
            .set(`${this.prefix}:sync:ended:${id}`, JSON.stringify(ev), 'EX', STATE_TTL_SEC)
            // the steps done live as long as the event a resend applies: a late resend repeats nothing done
            .expire(this.callKey(id), STATE_TTL_SEC).expire(this.shownKey(id), STATE_TTL_SEC).expire(`${this.prefix}:sync:placed:${id}`, STATE_TTL_SEC)
            .zadd(`${this.prefix}:sync:ended-index`, endedAtMs, ev.call.id)
            .zremrangebyscore(`${this.prefix}:sync:ended-index`, '-inf', endedAtMs - STATE_TTL_SEC * 1000)
            .zadd(`${this.prefix}:sync:pending`, dueMs, ev.call.id)
            .exec();
    }
    /** Every CRM stage of the call completed: it is no longer pending. */
    async noteSynced(callId) {
        await this.redis.multi().zrem(`${this.prefix}:sync:pending`, callId).hdel(`${this.prefix}:sync:resends`, callId).exec();
    }
    async endedEvent(callId) {
        const raw = await this.redis.get(`${this.prefix}:sync:ended:${callId}`);
        return raw === null ? null : JSON.parse(raw);
    }
    /**
     * Erasure and journal retention: the calls' kept `ended` events (their phone numbers), their index and pending entries
     * and what the CRM said of the caller go, so no resend or sweep puts them back in the journal. Returns the events removed.
     */
    async forgetEnded(ids) {
        if (ids.length === 0)
            return 0;
        const tx = this.redis.multi()
            .del(...ids.map((id) => `${this.prefix}:sync:ended:${id}`))
            .zrem(`${this.prefix}:sync:ended-index`, ...ids)
            .zrem(`${this.prefix}:sync:pending`, ...ids)
            .hdel(`${this.prefix}:sync:resends`, ...ids);
        for (const id of ids)
            tx.hdel(this.callKey(id), 'client');
        const replies = await tx.exec();
        return Number(replies?.[0]?.[1] ?? 0);
    }
    /** Ids of the calls that ended before `beforeMs`, oldest first, at most `limit` (journal retention). */
    async endedBefore(beforeMs, limit) {
        return this.redis.zrangebyscore(`${this.prefix}:sync:ended-index`, '-inf', `(${beforeMs}`, 'LIMIT', 0, limit);
    }
    /** Ids of the calls that ended in [fromMs, toMs], oldest first, at most `limit`. */
    async endedBetween(fromMs, toMs, limit) {
        return this.redis.zrangebyscore(`${this.prefix}:sync:ended-index`, fromMs, toMs, 'LIMIT', 0, limit);
    }
    /** Pending calls due by `nowMs` (their CRM stages should have completed by then), at most `limit`, with when each was due. */
    async pendingDue(nowMs, limit) {
        const flat = await this.redis.zrangebyscore(`${this.prefix}:sync:pending`, '-inf', nowMs, 'WITHSCORES', 'LIMIT', 0, limit);
        const due = [];
        for (let i = 0; i + 1 < flat.length; i += 2)
            due.push({ id: flat[i] ?? '', dueMs: Number(flat[i + 1]) });
        return due;
    }
    /**
     * Claims one look at a pending call (its entry due at `dueMs`) for this instance: the first instance's sweep takes
     * it, any other sweeping at the same time skips it (SET NX, expiring after `ttlMs`). A new due is a new look.
     */
    async claimLook(callId, dueMs, ttlMs) {
        return (await this.redis.set(`${this.prefix}:sync:sweep-claim:${callId}:${dueMs}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    }
    /** Looks at a pending call again at `dueMs` (not counted: it was still being worked on). */
    async lookLater(callId, dueMs) {
        await this.redis.zadd(`${this.prefix}:sync:pending`, 'XX', dueMs, callId);
    }
    /**
     * Counts one more look at a pending call and looks again at `dueOf(times looked before)`, or (null) gives it up.
     * Returns the times looked before.
     */
    async postpone(callId, dueOf) {
        const key = `${this.prefix}:sync:pending`;
        const before = (await this.redis.hincrby(`${this.prefix}:sync:resends`, callId, 1)) - 1;
        const dueMs = dueOf(before);
        if (dueMs === null)
            await this.redis.multi().zrem(key, callId).hdel(`${this.prefix}:sync:resends`, callId).exec();
        else
            await this.redis.zadd(key, 'XX', dueMs, callId);
        return before;
    }
    /** Runs `fn` holding a short lock on one phone number, so two calls from one new number create one contact. */
    async withPhoneLock(phone, fn) {
        const key = `${this.prefix}:sync:lock:phone:${phone}`;
        const token = randomUUID();
        const deadline = Date.now() + this.lock.waitMs;
        while ((await this.redis.set(key, token, 'PX', this.lock.ttlMs, 'NX')) !== 'OK') {
            if (Date.now() >= deadline)
                throw new RetryableError('phone number is locked by another call sync');
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
        try {
            return await fn();
        }
        finally {
            await this.redis.eval(RELEASE_LUA, 1, key, token);
        }
    }
}
