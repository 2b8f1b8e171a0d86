import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { CallReports } from '../../../src/journal/call-reports.js';
import { parseReportTime } from '../../../src/journal/report-period.js';
import { aCall } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { seededRandom as rng } from '../../../harness/seeded-random.js';
import { allRecords } from './report-blocks-data.js';
const H = 3_600_000;
const DAY0 = Date.UTC(2026, 2, 1); // 2026-03-01T00:00Z
const WITHIN = 20;
function randomCalls(n, seed) {
    const r = rng(seed);
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    return Array.from({ length: n }, (_, i) => {
        const direction = pick(['inbound', 'inbound', 'inbound', 'outbound', 'internal']);
        const startedAtMs = DAY0 + Math.floor(r() * 4 * 24 * H);
        const disposition = pick(direction === 'inbound' ? ['answered', 'answered', 'missed', 'busy', 'noanswer'] : ['answered', 'cancelled', 'busy']);
        const answered = disposition === 'answered';
        const waitMs = Math.floor(r() * 90_000);
        const agent = r() < 0.1 ? null : pick(['201', '202', '203', '204']);
        return {
            agent,
            call: aCall({
                id: `r${seed}-${i}`, direction, startedAtMs, disposition,
                externalNumber: direction === 'internal' ? null : pick(['+74951000001', '+74951000002', '+74951000003', '+74951000004', '+74951000005']),
                line: direction === 'internal' ? null : pick(['74950000001', '74950000002', null]), queue: r() < 0.3 ? pick(['sales', 'support']) : null,
                answeredBy: answered ? agent : null, answeredAtMs: answered ? startedAtMs + waitMs : null,
                talkDurationSec: answered ? Math.floor(r() * 600) : null, endedAtMs: startedAtMs + waitMs + 1000,
            }),
        };
    });
}
const edge = (sec) => (sec <= 60 ? Math.ceil(sec / 5) * 5 : sec <= 180 ? Math.ceil(sec / 15) * 15 : Math.ceil(sec / 60) * 60);
/** The expected row, summed straight from journal records (and the call-back rule applied to them independently). */
function expectedRow(calls, all) {
    const inbound = calls.filter((c) => c.direction === 'inbound');
    const answered = inbound.filter((c) => c.disposition === 'answered');
    const missed = inbound.filter((c) => c.disposition !== 'answered');
    const calledBack = (m) => all.some((a) => a.direction !== 'internal' && a.disposition === 'answered'
        && a.externalNumber === m.externalNumber && a.startedAtMs > m.startedAtMs && a.startedAtMs - m.startedAtMs <= 24 * H);
    const talked = calls.filter((c) => c.direction !== 'internal' && c.disposition === 'answered');
    const waits = answered.map((c) => ((c.answeredAtMs ?? 0) - c.startedAtMs) / 1000).sort((a, b) => a - b);
    const talkSec = talked.reduce((s, c) => s + (c.talkDurationSec ?? 0), 0);
    return {
        inbound: inbound.length, answered: answered.length, missed: missed.length, missedOpen: missed.filter((m) => !calledBack(m)).length,
        outbound: calls.filter((c) => c.direction === 'outbound').length, talkSec,
        talkMeanSec: talked.length ? Math.round((talkSec / talked.length) * 10) / 10 : null,
        answerWaitMeanSec: waits.length ? Math.round((waits.reduce((s, w) => s + w, 0) / waits.length) * 10) / 10 : null,
        answerWaitP90Sec: waits.length ? edge(waits[Math.ceil(0.9 * waits.length) - 1] ?? 0) : null,
        answeredWithinShare: inbound.length ? Math.round((waits.filter((w) => w <= WITHIN).length / inbound.length) * 10000) / 10000 : null,
    };
}
function byKey(rows, key) {
    return new Map(rows.map((row) => [String(row[key]), row]));
}
describe('CallReports', () => {
    it('agrees exactly with the journal over the same period, for operators, lines, queues and hours, on random data', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const journal = new CallJournal(redis, prefix);
        const generated = randomCalls(400, 7);
        for (const { call, agent } of generated)
            await journal.record(call, agent, null);
        for (const { call, agent } of generated.slice(0, 50))
            await journal.record(call, agent, null); // retried jobs
        const all = await allRecords(journal);
        expect(all).toHaveLength(400);
        const tz = 'Europe/Moscow';
        const fromMs = parseReportTime('2026-03-01T10:00', tz) ?? 0;
        const toMs = parseReportTime('2026-03-04', tz) ?? 0;
        const inPeriod = all.filter((c) => c.startedAtMs >= fromMs && c.startedAtMs < toMs && c.direction !== 'internal');
        const reports = new CallReports(redis, journal.counters, WITHIN);
        const q = { fromMs, toMs, tz };
        const groups = [
            ['operators', 'extension', (c) => c.agent], ['lines', 'line', (c) => c.line], ['queues', 'queue', (c) => c.queue],
            ['hours', 'hour', (c) => String(new Date(c.startedAtMs + 3 * H).getUTCHours())],
        ];
        for (const [kind, column, keyOf] of groups) {
            const rows = byKey(await reports.rows(kind, q), column);
            const keys = [...new Set(inPeriod.map(keyOf).filter((k) => k !== null))];
            expect(keys.length).toBeGreaterThan(1);
            for (const key of keys) {
                expect({ kind, key, ...rows.get(key) }).toMatchObject({ kind, key, ...expectedRow(inPeriod.filter((c) => keyOf(c) === key), all) });
            }
            if (kind !== 'hours')
                expect(rows.size).toBe(keys.length);
        }
    });
    it('marks a missed call called back by a later answered call with the number, whichever is journaled first, once', async () => {
        const redis = testRedis();
        const journal = new CallJournal(redis, uniquePrefix());
        const missed = aCall({ id: 'm1', startedAtMs: DAY0, disposition: 'missed', externalNumber: '+74951000009' });
        const late = aCall({ id: 'm2', startedAtMs: DAY0 + 30 * H, disposition: 'noanswer', externalNumber: '+74951000009' });
        const back = aCall({ id: 'o1', direction: 'outbound', startedAtMs: DAY0 + 2 * H, answeredAtMs: DAY0 + 2 * H + 5000, disposition: 'answered', externalNumber: '+74951000009', callerExtension: '202' });
        await journal.record(back, '202', null);
        await journal.record(missed, '201', null);
        await journal.record(late, '201', null);
        await journal.record(back, '202', null);
        expect((await journal.get('m1'))?.calledBack).toEqual({ atMs: DAY0 + 2 * H + 5000, by: '202', callId: 'o1' });
        expect((await journal.get('m2'))?.calledBack).toBeNull(); // 28 h after its answered neighbour, and before none
        const rows = await new CallReports(redis, journal.counters, WITHIN).rows('operators', { fromMs: DAY0, toMs: DAY0 + 48 * H, tz: 'UTC' });
        expect(byKey(rows, 'extension').get('201')).toMatchObject({ inbound: 2, missed: 2, missedOpen: 1 });
        const answeredLater = aCall({ id: 'i9', startedAtMs: DAY0 + 31 * H, answeredAtMs: DAY0 + 31 * H + 1000, disposition: 'answered', externalNumber: '+74951000009' });
        await journal.record(answeredLater, '203', null);
        const after = await new CallReports(redis, journal.counters, WITHIN).rows('operators', { fromMs: DAY0, toMs: DAY0 + 48 * H, tz: 'UTC' });
        expect(byKey(after, 'extension').get('201')).toMatchObject({ missed: 2, missedOpen: 0 });
    });
    it('moves a rewritten call from one operator to another without counting it twice', async () => {
        const redis = testRedis();
        const journal = new CallJournal(redis, uniquePrefix());
        const call = aCall({ id: 'x1', startedAtMs: DAY0, answeredAtMs: DAY0 + 4000, disposition: 'answered', talkDurationSec: 30 });
        await journal.record(call, '201', null);
        await journal.record(call, '202', null);
        const rows = byKey(await new CallReports(redis, journal.counters, WITHIN).rows('operators', { fromMs: DAY0, toMs: DAY0 + H, tz: 'UTC' }), 'extension');
        expect([...rows.keys()]).toEqual(['202']);
        expect(rows.get('202')).toMatchObject({ inbound: 1, answered: 1, talkSec: 30, answerWaitP90Sec: 5, answeredWithinShare: 1 });
    });
});
