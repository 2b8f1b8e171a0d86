/**
 * The Lua scripts behind the report counters (see report-counters.ts for the layout). Each runs atomically in Redis,
 * so a call's hour and every block above it change together, and the upgrade of data written before the blocks
 * existed never races a journal write.
 */
/**
 * Shared by REPLACE_FIGURES and UPGRADE_HOURS. ARGV[1]: the prefix, ARGV[2]: BLOCK_LEVELS, ARGV[3]: BLOCK_FANOUT.
 * `add` bumps an hour hash and the block of each level above it (in `all` blocks the field gets `|<UTC hour of day>`, for the hours report).
 * `ensure(h)`: until the blocks are marked ready, the first touch of hour h (SADD to the upgraded set) first adds what
 * its hour hashes already hold to the blocks (counters written before the blocks existed).
 */
const COMMON = `
local prefix, levels, fanout = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local ready = redis.call('GET', prefix .. ':agg:blocks') == 'ready'
local function hourKey(h, dim) return prefix .. ':agg:h:' .. h .. ':' .. dim end
local function addBlocks(h, dim, field, n)
  local f = field
  if dim == 'all' then f = field .. '|' .. (h % 24) end
  local i = h
  for k = 1, levels do
    i = math.floor(i / fanout)
    redis.call('HINCRBY', prefix .. ':agg:b' .. k .. ':' .. i .. ':' .. dim, f, n)
  end
end
local function add(h, dim, field, n)
  redis.call('HINCRBY', hourKey(h, dim), field, n)
  addBlocks(h, dim, field, n)
end
local function ensure(h)
  if ready or redis.call('SADD', prefix .. ':agg:upgraded', h) == 0 then return 0 end
  for _, dim in ipairs({'op', 'line', 'queue', 'all'}) do
    local flat = redis.call('HGETALL', hourKey(h, dim))
    for j = 1, #flat, 2 do addBlocks(h, dim, flat[j], tonumber(flat[j + 1])) end
  end
  return 1
end
`;
/**
 * Replaces a call's previous contribution to the counters with its new one: subtracts what the call hash says it added
 * last time, adds the new figures, remembers them. So rewriting a journal entry (a retried job, a call-back mark) never
 * counts a call twice. KEYS[1]: the call hash; ARGV[4]: JSON {"h": UTC hour, "f": [[dim, field, n], …]}. A call hash
 * written before the blocks holds [[counterKey, field, n], …]: its hour entries are read back as (hour, dim), its
 * per-day entries (a layout no longer kept) are dropped.
 */
export const REPLACE_FIGURES = `${COMMON}
local subtract = {}
local old = redis.call('HGET', KEYS[1], 'figures')
if old then
  local o = cjson.decode(old)
  if o.h then
    for _, f in ipairs(o.f) do subtract[#subtract + 1] = {o.h, f[1], f[2], f[3]} end
  else
    local hp = prefix .. ':agg:h:'
    for _, f in ipairs(o) do
      if string.sub(f[1], 1, #hp) == hp then
        local h, dim = string.match(string.sub(f[1], #hp + 1), '^(%d+):(%a+)$')
        if h then subtract[#subtract + 1] = {tonumber(h), dim, f[2], f[3]} end
      end
    end
  end
end
local new = cjson.decode(ARGV[4])
for _, s in ipairs(subtract) do ensure(s[1]) end
if #new.f > 0 then ensure(new.h) end
for _, s in ipairs(subtract) do add(s[1], s[2], s[3], -s[4]) end
for _, f in ipairs(new.f) do add(new.h, f[1], f[2], f[3]) end
redis.call('HSET', KEYS[1], 'figures', ARGV[4])
return 1`;
/** Adds the hours ARGV[4..] (UTC hours since the epoch) to the blocks, each once ever; how many it added now. */
export const UPGRADE_HOURS = `${COMMON}
local n = 0
for i = 4, #ARGV do n = n + ensure(tonumber(ARGV[i])) end
return n`;
/**
 * Sums hashes in Redis, so a report moves one reply, not every field of every hash. KEYS: the hashes; ARGV[i]: the
 * group KEYS[i] is summed into. Returns [group, field, sum, …], zero sums left out.
 */
export const SUM_HASHES = `
local sums, order = {}, {}
for i, key in ipairs(KEYS) do
  local g = ARGV[i]
  local t = sums[g]
  if not t then t = {}; sums[g] = t; order[#order + 1] = g end
  local flat = redis.call('HGETALL', key)
  for j = 1, #flat, 2 do t[flat[j]] = (t[flat[j]] or 0) + tonumber(flat[j + 1]) end
end
local out = {}
for _, g in ipairs(order) do
  for f, v in pairs(sums[g]) do
    if v ~= 0 then out[#out + 1] = g; out[#out + 1] = f; out[#out + 1] = string.format('%.0f', v) end
  end
end
return out`;
