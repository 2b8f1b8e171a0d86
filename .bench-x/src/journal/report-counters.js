import { createHash } from 'node:crypto';
import { serverOf } from '../net/redis-client.js';
import { BLOCK_FANOUT, BLOCK_LEVELS } from './report-blocks.js';
import { REPLACE_FIGURES, SUM_HASHES, UPGRADE_HOURS } from './report-scripts.js';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const DIMENSIONS = ['op', 'line', 'queue', 'all'];
const SCAN_COUNT = 1000;
const UPGRADE_BATCH = 50;
const SUM_SHA = createHash('sha1').update(SUM_HASHES).digest('hex');
/**
 * Report counters in Redis: a hash per UTC hour and dimension, `<prefix>:agg:h:<hour since epoch>:<dim>`, and above
 * each hour its pre-summed blocks (report-blocks.ts), `<prefix>:agg:b<level>:<index>:<dim>`, all changed by one Lua
 * script in the journal's MULTI. Fields are `<metric>|<key>`; in the hour hashes of `all` just `<metric>`, in its
 * blocks `<metric>|<UTC hour of day>`. Counters stay when calls leave the journal (retention, erasure): they hold no
 * phone number. `<prefix>:agg:blocks` = `ready` once the counters written before the blocks existed are in them.
 */
export class ReportCounters {
    prefix;
    upgrading = null;
    constructor(prefix) {
        this.prefix = prefix;
    }
    hourKey(hour, dim) {
        return `${this.prefix}:agg:h:${hour}:${dim}`;
    }
    /** The hash of a block (level 0: the hour hash). */
    blockKey(b, dim) {
        return b.level === 0 ? this.hourKey(b.index, dim) : `${this.prefix}:agg:b${b.level}:${b.index}:${dim}`;
    }
    /** The counter increments of one call, [hash key, field, amount], for its hour and every block above it. */
    increments(startedAtMs, figures) {
        const hour = Math.floor(startedAtMs / HOUR_MS);
        const rows = [];
        for (const f of figures) {
            const field = f.dim === 'all' ? f.field : `${f.field}|${f.key}`;
            rows.push([this.hourKey(hour, f.dim), field, f.n]);
            const blockField = f.dim === 'all' ? `${field}|${hour % 24}` : field;
            for (let level = 1; level <= BLOCK_LEVELS; level += 1)
                rows.push([this.blockKey({ level, index: Math.floor(hour / BLOCK_FANOUT ** level) }, f.dim), blockField, f.n]);
        }
        return rows;
    }
    /** Queues, on `tx`, the replacement of the call's contribution (callKey: its journal hash) by `figures`. */
    replace(tx, callKey, startedAtMs, figures) {
        const f = figures.map((x) => [x.dim, x.dim === 'all' ? x.field : `${x.field}|${x.key}`, x.n]);
        tx.eval(REPLACE_FIGURES, 1, callKey, this.prefix, String(BLOCK_LEVELS), String(BLOCK_FANOUT), JSON.stringify({ h: Math.floor(startedAtMs / HOUR_MS), f }));
    }
    /** The hashes `keys` summed in Redis, each into its group (`groups[i]`, '' when not given): one round trip. */
    async sum(redis, keys, groups) {
        const out = new Map();
        if (keys.length === 0)
            return out;
        const args = [...keys, ...keys.map((_, i) => groups?.[i] ?? '')];
        let flat;
        try {
            flat = await redis.evalsha(SUM_SHA, keys.length, ...args);
        }
        catch (err) {
            if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT'))
                throw err;
            flat = await redis.eval(SUM_HASHES, keys.length, ...args);
        }
        const reply = flat;
        for (let i = 0; i + 2 < reply.length; i += 3) {
            const group = reply[i] ?? '';
            let sums = out.get(group);
            if (!sums) {
                sums = new Map();
                out.set(group, sums);
            }
            sums.set(reply[i + 1] ?? '', Number(reply[i + 2]));
        }
        return out;
    }
    /**
     * Makes sure the blocks hold the counters written before they existed (once per Redis; later calls return at
     * once). Safe beside journal writes and other processes doing the same: each hour goes in once (report-scripts.ts).
     */
    ready(redis) {
        this.upgrading ??= this.upgrade(redis).catch((err) => {
            this.upgrading = null;
            throw err;
        });
        return this.upgrading;
    }
    /** Marks the blocks as holding every hour: for a writer that filled hours and blocks itself (bench/reports). */
    async markBuilt(redis) {
        await redis.set(`${this.prefix}:agg:blocks`, 'ready');
    }
    async upgrade(redis) {
        const marker = `${this.prefix}:agg:blocks`;
        if ((await redis.get(marker)) === 'ready')
            return;
        const hours = new Set();
        await this.scan(redis, `${this.prefix}:agg:h:*`, (keys) => {
            for (const key of keys) {
                const m = /:agg:h:(\d+):(\w+)$/.exec(key);
                if (m && DIMENSIONS.includes(m[2]))
                    hours.add(Number(m[1]));
            }
        });
        const all = [...hours];
        for (let i = 0; i < all.length; i += UPGRADE_BATCH) {
            // the marker as its one key routes the script to the deployment's slot on a Cluster (it reads only ARGV)
            await redis.eval(UPGRADE_HOURS, 1, marker, this.prefix, String(BLOCK_LEVELS), String(BLOCK_FANOUT), ...all.slice(i, i + UPGRADE_BATCH).map(String));
        }
        // The per-UTC-day hashes of the layout before the blocks: no longer read or written.
        await this.scan(redis, `${this.prefix}:agg:d:*`, async (keys) => { if (keys.length > 0)
            await redis.unlink(...keys); });
        await redis.multi().set(marker, 'ready').del(`${this.prefix}:agg:upgraded`).exec();
    }
    /** SCAN where the keys are: on a Cluster, the node of the deployment's one hash slot (the prefix's tag). */
    async scan(redis, match, each) {
        const server = await serverOf(redis, `${this.prefix}:agg:blocks`);
        let cursor = '0';
        do {
            const [next, keys] = await server.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
            cursor = next;
            await each(keys);
        } while (cursor !== '0');
    }
}
