import { callFigures } from '../../../src/journal/call-figures.js';
import { localHour } from '../../../src/journal/report-period.js';
import { hasCalls, reportFigures } from '../../../src/journal/report-rows.js';
import { aCall } from '../../../harness/call-builders.js';
import { seededRandom } from '../../../harness/seeded-random.js';
export const rng = seededRandom;
export const H = 3_600_000;
/** 2026-03-01T00:00Z; the calls span 40 days: New York's DST starts 8 March, Berlin's 29 March, Lord Howe's (half an hour) ends 5 April. */
export const START = Date.UTC(2026, 2, 1);
export const SPAN_HOURS = 40 * 24;
export const ZONES = ['UTC', 'Europe/Moscow', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'];
export function randomCalls(n, seed) {
    const r = rng(seed);
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    return Array.from({ length: n }, (_, i) => {
        const direction = pick(['inbound', 'inbound', 'inbound', 'outbound', 'internal']);
        const startedAtMs = START + Math.floor(r() * SPAN_HOURS * H);
        const disposition = pick(direction === 'inbound' ? ['answered', 'answered', 'missed', 'noanswer'] : ['answered', 'cancelled']);
        const answered = disposition === 'answered';
        const waitMs = Math.floor(r() * 90_000);
        const agent = r() < 0.1 ? null : pick(['201', '202', '203']);
        return {
            agent,
            call: aCall({
                id: `b${seed}-${i}`, direction, startedAtMs, disposition,
                externalNumber: direction === 'internal' ? null : pick(['+74951000001', '+74951000002', '+74951000003']),
                line: direction === 'internal' ? null : pick(['74950000001', '74950000002']), queue: r() < 0.4 ? pick(['sales', 'support']) : null,
                answeredBy: answered ? agent : null, answeredAtMs: answered ? startedAtMs + waitMs : null,
                talkDurationSec: answered ? Math.floor(r() * 600) : null, endedAtMs: startedAtMs + waitMs + 1000,
            }),
        };
    });
}
export async function allRecords(journal) {
    const out = [];
    let cursor = null;
    do {
        const page = await journal.list({ limit: 500, cursor });
        out.push(...page.items);
        cursor = page.nextCursor;
    } while (cursor !== null);
    return out;
}
const DIM = { operators: 'op', lines: 'line', queues: 'queue', hours: 'all' };
const KEY_COLUMN = { operators: 'extension', lines: 'line', queues: 'queue' };
/** A report summed the plain way: every hour hash of the period read and added up in JS (the layout before blocks). */
export async function plainRows(redis, prefix, kind, fromMs, toMs, tz, within) {
    const sums = new Map();
    const add = (key, metric, n) => {
        const row = sums.get(key) ?? new Map();
        row.set(metric, (row.get(metric) ?? 0) + n);
        sums.set(key, row);
    };
    const hours = Array.from({ length: Math.max(0, Math.floor(toMs / H) - Math.floor(fromMs / H)) }, (_, i) => Math.floor(fromMs / H) + i);
    const pipe = redis.pipeline();
    for (const h of hours)
        pipe.hgetall(`${prefix}:agg:h:${h}:${DIM[kind]}`);
    const replies = (await pipe.exec()) ?? [];
    for (const [i, h] of hours.entries()) {
        for (const [field, value] of Object.entries((replies[i]?.[1] ?? {}))) {
            if (kind === 'hours')
                add(String(localHour(tz, h * H)), field, Number(value));
            else
                add(field.slice(field.indexOf('|') + 1), field.slice(0, field.indexOf('|')), Number(value));
        }
    }
    if (kind === 'hours')
        return Array.from({ length: 24 }, (_, hour) => ({ hour, ...reportFigures(sums.get(String(hour)) ?? new Map(), within) }));
    return [...sums.keys()].filter((k) => hasCalls(sums.get(k) ?? new Map())).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((key) => ({ [KEY_COLUMN[kind]]: key, ...(kind === 'operators' ? { name: null } : {}), ...reportFigures(sums.get(key) ?? new Map(), within) }));
}
/** Every counter hash under the prefix (hours and blocks), zero fields left out. */
export async function counterHashes(redis, prefix) {
    const out = new Map();
    let cursor = '0';
    do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:agg:[hbd][0-9:]*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
            const fields = new Map(Object.entries(await redis.hgetall(key)).map(([f, v]) => [f, Number(v)]).filter(([, v]) => v !== 0));
            if (fields.size > 0)
                out.set(key, fields);
        }
    } while (cursor !== '0');
    return out;
}
/**
 * Turns the prefix's counters into the layout written before the blocks existed: no blocks, a hash per UTC day for
 * op/line/queue, and each call hash's `figures` as the list of [counterKey, field, n] the old journal stored.
 */
export async function toLayoutBeforeBlocks(redis, prefix, records) {
    const blocks = [...(await counterHashes(redis, prefix)).keys()].filter((k) => k.includes(':agg:b'));
    const tx = redis.multi().del(`${prefix}:agg:blocks`, `${prefix}:agg:upgraded`);
    for (const key of blocks)
        tx.del(key);
    for (const r of records) {
        const hour = Math.floor(r.startedAtMs / H);
        const old = [];
        for (const f of callFigures(r)) {
            const field = f.dim === 'all' ? f.field : `${f.field}|${f.key}`;
            old.push([`${prefix}:agg:h:${hour}:${f.dim}`, field, f.n]);
            if (f.dim !== 'all')
                old.push([`${prefix}:agg:d:${Math.floor(hour / 24)}:${f.dim}`, field, f.n]);
        }
        for (const [key, field, n] of old)
            if (key.includes(':agg:d:'))
                tx.hincrby(key, field, n);
        tx.hset(`${prefix}:journal:call:${r.id}`, 'figures', JSON.stringify(old));
    }
    await tx.exec();
}
/** The counter hashes the JS mirror of the Lua script says these records add up to (what bench/reports writes). */
export function mirrored(journal, records) {
    const out = new Map();
    for (const r of records) {
        for (const [key, field, n] of journal.counters.increments(r.startedAtMs, callFigures(r))) {
            const hash = out.get(key) ?? new Map();
            hash.set(field, (hash.get(field) ?? 0) + n);
            out.set(key, hash);
        }
    }
    for (const [key, hash] of out) {
        for (const [f, v] of hash)
            if (v === 0)
                hash.delete(f);
        if (hash.size === 0)
            out.delete(key);
    }
    return out;
}
