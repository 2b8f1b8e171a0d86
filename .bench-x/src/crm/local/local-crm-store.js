/** The local CRM's data, all in Redis under `<prefix>:crm:` so it survives daemon restarts. */
export class LocalCrmStore {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(...parts) {
        return [this.prefix, 'crm', ...parts].join(':');
    }
    async entity(ref) {
        const raw = await this.redis.get(this.key('entity', ref.kind, ref.id));
        return raw === null ? null : JSON.parse(raw);
    }
    async saveEntity(e) {
        await this.redis.set(this.key('entity', e.kind, e.id), JSON.stringify(e));
    }
    /** Entities of one number, by kind, oldest first. */
    async entitiesOf(phone) {
        const refs = await this.redis.zrange(this.key('phone', phone), 0, '-1');
        const all = await Promise.all(refs.map((r) => {
            const [kind, id] = r.split('/');
            return this.entity({ kind: (kind ?? 'contact'), id: id ?? '' });
        }));
        return all.filter((e) => e !== null);
    }
    /** A contact for a number that already has one is that contact (created once, under the sync's phone lock). */
    async createEntity(n, nowMs) {
        if (n.kind === 'contact') {
            const existing = (await this.entitiesOf(n.phone)).find((e) => e.kind === 'contact');
            if (existing)
                return { kind: 'contact', id: existing.id };
        }
        const id = String(await this.redis.incr(this.key('seq', n.kind)));
        await this.saveEntity({
            kind: n.kind, id, phone: n.phone, title: n.title, responsibleExtension: n.responsibleExtension,
            contact: n.contact, status: 'open', source: n.source, createdAtMs: nowMs,
        });
        await this.redis.zadd(this.key('phone', n.phone), String(nowMs), `${n.kind}/${id}`);
        return { kind: n.kind, id };
    }
    async setEntityResponsible(ref, extension) {
        const e = await this.entity(ref);
        if (e)
            await this.saveEntity({ ...e, responsibleExtension: extension });
    }
    async setClientData(ref, data) {
        const e = await this.entity(ref);
        if (!e)
            return false;
        await this.saveEntity({ ...e, ...(data.tags ? { tags: [...data.tags] } : {}), ...(data.fields ? { fields: { ...data.fields } } : {}) });
        return true;
    }
    async setEntityStatus(ref, status) {
        const e = await this.entity(ref);
        if (e)
            await this.saveEntity({ ...e, status });
    }
    /** Registers once: the first ref stored for a call id wins, and the call joins its client's history. */
    async registerCall(ref, start) {
        const key = this.key('call', ref.callId);
        const created = await this.redis.hsetnx(key, 'ref', JSON.stringify(ref));
        if (created === 0)
            return this.callRef(ref.callId);
        await this.redis.hset(key, 'start', JSON.stringify(start));
        const owner = ref.entity ? `${ref.entity.kind}/${ref.entity.id}` : start.phone === null ? null : `phone/${start.phone}`;
        if (owner !== null)
            await this.redis.zadd(this.key('history', owner), start.startedAtMs, ref.callId); // anonymous: no one's history
        await this.redis.zadd(this.key('calls'), start.startedAtMs, ref.callId);
        return ref;
    }
    async callRef(callId) {
        const raw = await this.redis.hget(this.key('call', callId), 'ref');
        if (raw === null)
            throw new Error(`call ${callId} vanished`);
        return JSON.parse(raw);
    }
    /** Sets a field of a registered call; `onlyOnce` keeps the first value (finish, task). Returns false if it was set. */
    async setCallField(callId, field, value, onlyOnce) {
        const key = this.key('call', callId);
        if (onlyOnce)
            return (await this.redis.hsetnx(key, field, value)) === 1;
        await this.redis.hset(key, field, value);
        return true;
    }
    async callField(callId, field) {
        return this.redis.hget(this.key('call', callId), field);
    }
    async storedCall(callId) {
        const h = await this.redis.hgetall(this.key('call', callId));
        if (!h['ref'] || !h['start'])
            return null;
        return {
            ref: JSON.parse(h['ref']), start: JSON.parse(h['start']),
            finish: h['finish'] ? JSON.parse(h['finish']) : null,
            responsible: h['responsible'] ?? null, recording: h['recording'] ?? null,
        };
    }
    /** Call ids in an entity's (or an unbound number's) history, newest first. */
    async historyIds(owner, limit) {
        return this.redis.zrevrange(this.key('history', `${owner.kind}/${owner.id}`), 0, limit - 1);
    }
    async cards(callId) {
        return this.redis.smembers(this.key('card', callId));
    }
    async changeCards(callId, extensions, show) {
        if (extensions.length === 0)
            return;
        if (show)
            await this.redis.sadd(this.key('card', callId), ...extensions);
        else
            await this.redis.srem(this.key('card', callId), ...extensions);
    }
    /**
     * Erases a number (personal-data request): its entities, their histories and the calls in them, and the history
     * of the number unbound. Returns how many entities (contacts, leads, deals) were removed.
     */
    async erasePhone(phone) {
        const entities = await this.entitiesOf(phone);
        const histories = [...entities.map((e) => this.key('history', `${e.kind}/${e.id}`)), this.key('history', `phone/${phone}`)];
        const callIds = new Set();
        for (const h of histories)
            for (const id of await this.redis.zrange(h, 0, '-1'))
                callIds.add(id);
        const tx = this.redis.multi();
        for (const e of entities)
            tx.del(this.key('entity', e.kind, e.id));
        for (const id of callIds)
            tx.del(this.key('call', id), this.key('card', id)).zrem(this.key('calls'), id);
        tx.del(...histories, this.key('phone', phone));
        await tx.exec();
        return entities.length;
    }
}
