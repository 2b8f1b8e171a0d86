const MAX_ENTRIES = 5000;
/**
 * searchCrmEntities results per phone number for a few seconds, so the dialplan's "who owns this number?" and the
 * call's own find-or-create (moments apart) cost one request, and concurrent lookups of one number share it.
 * Forgotten as soon as we create an entity for the number or change an entity's responsible.
 */
export class SearchCache {
    ttlMs;
    now;
    entries = new Map();
    constructor(ttlMs, now = Date.now) {
        this.ttlMs = ttlMs;
        this.now = now;
    }
    async lookup(phone, search) {
        const nowMs = this.now();
        const cached = this.entries.get(phone);
        if (cached && nowMs - cached.atMs < this.ttlMs)
            return cached.hits;
        if (this.entries.size >= MAX_ENTRIES)
            this.prune(nowMs);
        const hits = search();
        this.entries.set(phone, { hits, atMs: nowMs });
        hits.catch(() => { if (this.entries.get(phone)?.hits === hits)
            this.entries.delete(phone); });
        return hits;
    }
    forgetPhone(phone) {
        this.entries.delete(phone);
    }
    /** Drops every number whose cached hits include this entity. */
    async forgetEntity(entity) {
        for (const [phone, entry] of [...this.entries]) {
            const hits = await entry.hits.catch(() => []);
            const same = hits.some((h) => h.entity.kind === entity.kind && h.entity.id === entity.id);
            if (same && this.entries.get(phone) === entry)
                this.entries.delete(phone);
        }
    }
    prune(nowMs) {
        for (const [phone, entry] of this.entries)
            if (nowMs - entry.atMs >= this.ttlMs)
                this.entries.delete(phone);
        if (this.entries.size >= MAX_ENTRIES)
            this.entries.clear();
    }
}
