import { HANDOFF_MARK, handoffValue } from './balance-plan.js';
// Every script touches one key (a lease key, or the registry hash), so each runs on a Redis Cluster as is.
/** Renews the lease when it is ours; returns the key's value ('' when there is none). */
const CHECK = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) end
if v then return v end
return ''`;
/** Takes the lease when it is free (or ours), or when ARGV[3] is '1' and another instance is handing it off. */
const TAKE = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if (not v) or (ARGV[3] == '1' and string.sub(v, 1, #ARGV[4]) == ARGV[4] and v ~= ARGV[4] .. ARGV[1]) then
  redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])
  return 1
end
return 0`;
/** Gives our lease up to an instance below its share: the key holds the hand-off mark for a while. */
const HANDOFF = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'px', ARGV[3]) return 1 end
return 0`;
/** Frees our lease for anyone (stop). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;
/**
 * The registry: one hash, field = instance id, value = `<expiry ms, Redis clock>|<leases held>|<being released>`.
 * Writes our heartbeat, drops the expired entries, returns the live ones. Redis' clock, so the instances' clocks
 * need not agree.
 */
const HEARTBEAT = `local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('hset', KEYS[1], ARGV[1], string.format('%d|%s|%s', now + tonumber(ARGV[2]), ARGV[3], ARGV[4]))
local all = redis.call('hgetall', KEYS[1])
local live = {}
for i = 1, #all, 2 do
  local exp = tonumber(string.match(all[i + 1], '^(%d+)'))
  if exp and exp > now then live[#live + 1] = all[i]; live[#live + 1] = all[i + 1]
  else redis.call('hdel', KEYS[1], all[i]) end
end
redis.call('pexpire', KEYS[1], ARGV[5])
return live`;
function parseRegistry(reply) {
    if (!Array.isArray(reply))
        return [];
    const out = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
        const id = String(reply[i]);
        const [, held, releasing] = String(reply[i + 1]).split('|');
        out.push({ id, held: Number(held) || 0, releasing: Number(releasing) || 0 });
    }
    return out;
}
/** The Redis side of the balancer: one round trip per call, each on one key. */
export class BalancerStore {
    redis;
    registryKey;
    me;
    constructor(redis, registryKey, me) {
        this.redis = redis;
        this.registryKey = registryKey;
        this.me = me;
    }
    /** The lease's value after renewing it if it is ours; null when there is no key. */
    async check(key, ttlMs) {
        const value = await this.redis.eval(CHECK, 1, key, this.me, String(ttlMs));
        return typeof value === 'string' && value !== '' ? value : null;
    }
    async take(key, ttlMs, handoff) {
        return (await this.redis.eval(TAKE, 1, key, this.me, String(ttlMs), handoff ? '1' : '0', HANDOFF_MARK)) === 1;
    }
    async handOff(key, markMs) {
        return (await this.redis.eval(HANDOFF, 1, key, this.me, handoffValue(this.me), String(markMs))) === 1;
    }
    async release(key) {
        await this.redis.eval(RELEASE, 1, key, this.me);
    }
    async heartbeat(lifeMs, held, releasing) {
        const reply = await this.redis.eval(HEARTBEAT, 1, this.registryKey, this.me, String(lifeMs), String(held), String(releasing), String(lifeMs * 4));
        return parseRegistry(reply);
    }
    async leave() {
        await this.redis.hdel(this.registryKey, this.me);
    }
    /** Each key's value, one GET per key (the keys may live in different slots of a Cluster). */
    async values(keys) {
        const values = await Promise.all(keys.map((k) => this.redis.get(k)));
        return new Map(keys.map((k, i) => [k, values[i] ?? null]));
    }
}
