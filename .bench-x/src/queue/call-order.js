const ORDER_TTL_SEC = 7 * 24 * 3600;
/** Sets the key to max(current, seq) and refreshes its TTL. */
const MARK_APPLIED_LUA = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '-1')
local seq = tonumber(ARGV[1])
if seq > cur then redis.call('SET', KEYS[1], seq, 'EX', ARGV[2]) else redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return math.max(seq, cur)`;
/** Per call, the highest seq whose job is done (applied, or given up for good). Lives in Redis so every worker sees it. */
export class CallOrderStore {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(callId) {
        return `${this.prefix}:order:${callId}`;
    }
    /** -1 when nothing of this call is done yet. */
    async lastDone(callId) {
        const raw = await this.redis.get(this.key(callId));
        return raw === null ? -1 : Number(raw);
    }
    async markDone(callId, seq) {
        await this.redis.eval(MARK_APPLIED_LUA, 1, this.key(callId), String(seq), String(ORDER_TTL_SEC));
    }
}
