const MISSED = new Set(['missed', 'noanswer', 'busy']);
/** Done flags are kept this long (longer than anybody scrolls the missed list). */
const DONE_TTL_SEC = 90 * 86_400;
const SCAN_LIMIT = 500;
/** Today's source: inbound journal calls with a missed disposition whose agent (the missed-call owner) is the operator; done flags in Redis. */
export class JournalMissedCalls {
    journal;
    redis;
    prefix;
    constructor(journal, redis, prefix) {
        this.journal = journal;
        this.redis = redis;
        this.prefix = prefix;
    }
    doneKey(owner) {
        return `${this.prefix}:console:missed-done:${owner}`;
    }
    owns(record, owner) {
        return record.direction === 'inbound' && record.disposition !== null && MISSED.has(record.disposition) && record.agent === owner;
    }
    async list(owner, options) {
        const page = await this.journal.list({ extension: owner, limit: SCAN_LIMIT });
        const mine = page.items.filter((r) => this.owns(r, owner));
        const done = new Set(mine.length > 0 ? await this.redis.smembers(this.doneKey(owner)) : []);
        return mine.map((record) => ({ record, done: done.has(record.id) }))
            .filter((m) => options.includeDone || !m.done).slice(0, options.limit);
    }
    async get(owner, callId) {
        const record = await this.journal.get(callId);
        if (!record || !this.owns(record, owner))
            return null;
        return { record, done: (await this.redis.sismember(this.doneKey(owner), callId)) === 1 };
    }
    async setDone(owner, callId, done) {
        const key = this.doneKey(owner);
        if (done)
            await this.redis.multi().sadd(key, callId).expire(key, DONE_TTL_SEC).exec();
        else
            await this.redis.srem(key, callId);
    }
}
