import { createHash, randomBytes } from 'node:crypto';
/** Sessions in Redis under a hash of their random id (the id itself is only in the cookie), expiring after ttlMs. */
export class ConsoleSessions {
    redis;
    prefix;
    ttlMs;
    constructor(redis, prefix, ttlMs) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlMs = ttlMs;
    }
    key(id) {
        return `${this.prefix}:console:session:${createHash('sha256').update(id).digest('hex')}`;
    }
    async create(user) {
        const id = randomBytes(32).toString('base64url');
        const session = { ...user, createdAtMs: Date.now() };
        await this.redis.set(this.key(id), JSON.stringify(session), 'PX', this.ttlMs);
        return { id, session };
    }
    async get(id) {
        if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id))
            return null;
        const raw = await this.redis.get(this.key(id));
        return raw === null ? null : JSON.parse(raw);
    }
    async destroy(id) {
        if (id)
            await this.redis.del(this.key(id));
    }
}
