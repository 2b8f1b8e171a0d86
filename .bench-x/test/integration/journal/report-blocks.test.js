import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { CallReports } from '../../../src/journal/call-reports.js';
import { BLOCK_LEVELS } from '../../../src/journal/report-blocks.js';
import { ReportCounters } from '../../../src/journal/report-counters.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { allRecords, counterHashes, H, mirrored, plainRows, randomCalls, rng, SPAN_HOURS, START, toLayoutBeforeBlocks, ZONES, } from './report-blocks-data.js';
const WITHIN = 20;
const KINDS = ['operators', 'lines', 'queues', 'hours'];
/** Random periods: whole local days in a zone (as the API reads dates), and odd hour ranges. */
function periods(seed, n) {
    const r = rng(seed);
    return Array.from({ length: n }, (_, i) => {
        const tz = ZONES[i % ZONES.length] ?? 'UTC';
        const fromH = Math.floor(r() * SPAN_HOURS * 0.8) - 24;
        const lengthH = 1 + Math.floor(r() * (i % 3 === 0 ? 30 : SPAN_HOURS));
        return { fromMs: START + fromH * H + (i % 4 === 0 ? 30 * 60_000 : 0), toMs: START + (fromH + lengthH) * H, tz };
    });
}
async function expectSameAsPlain(reports, redis, prefix, seed, n) {
    for (const q of periods(seed, n)) {
        for (const kind of KINDS) {
            const plain = await plainRows(redis, prefix, kind, q.fromMs, q.toMs, q.tz, WITHIN);
            expect({ kind, q, rows: await reports.rows(kind, q) }).toEqual({ kind, q, rows: plain });
        }
    }
}
describe('report blocks', () => {
    it('give the same rows as plain sums of the hour counters, on random data and periods across zones and DST changes', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const journal = new CallJournal(redis, prefix);
        const generated = randomCalls(300, 3);
        for (const { call, agent } of generated)
            await journal.record(call, agent, null);
        for (const { call, agent } of generated.slice(0, 40))
            await journal.record(call, agent === '201' ? '202' : agent, null); // rewrites
        const reports = new CallReports(redis, journal.counters, WITHIN);
        await expectSameAsPlain(reports, redis, prefix, 5, 30);
        // the whole span in each zone, as a 40-day report asks for it
        for (const tz of ZONES) {
            const rows = await reports.rows('hours', { fromMs: START - 24 * H, toMs: START + (SPAN_HOURS + 24) * H, tz });
            expect(rows.reduce((s, row) => s + Number(row['inbound']) + Number(row['outbound']), 0), tz)
                .toBe((await allRecords(journal)).filter((c) => c.direction !== 'internal').length);
        }
    });
    it('are written by the journal exactly as the increments say (the bench writes those), rewrites and call-back marks included', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const journal = new CallJournal(redis, prefix);
        const generated = randomCalls(150, 9);
        for (const { call, agent } of generated)
            await journal.record(call, agent, null);
        for (const { call, agent } of generated.slice(0, 30))
            await journal.record(call, agent, null);
        const hashes = await counterHashes(redis, prefix);
        expect([...hashes.keys()].some((k) => k.includes(`:agg:b${BLOCK_LEVELS}:`))).toBe(true);
        expect(hashes).toEqual(mirrored(journal, await allRecords(journal)));
    });
    it('are built from counters written before they existed, once, beside journal writes and a second process', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const journal = new CallJournal(redis, prefix);
        const generated = randomCalls(200, 21);
        for (const { call, agent } of generated)
            await journal.record(call, agent, null);
        await toLayoutBeforeBlocks(redis, prefix, await allRecords(journal));
        expect([...(await counterHashes(redis, prefix)).keys()].some((k) => k.includes(':agg:b'))).toBe(false);
        expect([...(await counterHashes(redis, prefix)).keys()].some((k) => k.includes(':agg:d:'))).toBe(true);
        // the new journal writes before the upgrade ran: a retried old call moved to another operator, and a new call
        const restarted = new CallJournal(redis, prefix);
        const [first, second] = generated;
        if (first)
            await restarted.record(first.call, '203', null);
        const extra = randomCalls(1, 99)[0];
        if (extra)
            await restarted.record(extra.call, '201', null);
        // two processes upgrade at once, while the journal writes
        const other = new ReportCounters(prefix);
        await Promise.all([
            new CallReports(redis, restarted.counters, WITHIN).prepare(), other.ready(redis),
            ...(second ? [restarted.record(second.call, '202', null)] : []),
        ]);
        expect(await redis.get(`${prefix}:agg:blocks`)).toBe('ready');
        expect(await redis.exists(`${prefix}:agg:upgraded`)).toBe(0);
        const hashes = await counterHashes(redis, prefix);
        expect([...hashes.keys()].some((k) => k.includes(':agg:d:'))).toBe(false);
        expect(hashes).toEqual(mirrored(restarted, await allRecords(restarted)));
        const reports = new CallReports(redis, new ReportCounters(prefix), WITHIN);
        await expectSameAsPlain(reports, redis, prefix, 17, 12);
        // an old call (its figures in the old layout) rewritten after the upgrade leaves its old contribution exactly
        for (const { call } of generated.slice(2, 40))
            await restarted.record(call, '204', null);
        expect(await counterHashes(redis, prefix)).toEqual(mirrored(restarted, await allRecords(restarted)));
        await expectSameAsPlain(reports, redis, prefix, 23, 12);
    });
});
