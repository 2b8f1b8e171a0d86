import { describe, expect, it, vi } from 'vitest';
import { RetryableError } from '../../../src/errors.js';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { amiFixture } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startDaemonThenPbx, TEST_API_TOKEN, waitForJournal } from '../../support/test-daemon.js';
const TRANSCRIPTS = ['inbound-answered', 'inbound-missed', 'inbound-queue', 'outbound', 'blind-transfer', 'recorded-call'];
const CALLER = '+74951234567';
const DIALLED = '+74951112233';
/**
 * The truth of the six calls, read from the events (the same facts daemon-api.test.ts checks in the journal):
 * id, direction, agent (the last answerer; a transfer counts for its target), line, answered, talk seconds.
 */
const TRUTH = [
    { id: '1795413735.0', direction: 'inbound', agent: '201', line: '4951230000', answered: true, talkSec: 3 },
    { id: '1795413749.0', direction: 'inbound', agent: '201', line: '4951230000', answered: false, talkSec: 0 },
    { id: '1795413763.0', direction: 'inbound', agent: '202', line: '4951230002', answered: true, talkSec: 6 },
    { id: '1795413782.0', direction: 'outbound', agent: '201', line: null, answered: true, talkSec: 4 },
    { id: '1795413797.0', direction: 'inbound', agent: '202', line: '4951230000', answered: true, talkSec: 11 },
    { id: '1795413864.0', direction: 'inbound', agent: '201', line: '4951230003', answered: true, talkSec: 3 },
];
/** The missed call is called back: the caller's queue call 14 s later was answered. */
const CALLED_BACK = new Set(['1795413749.0']);
function sums(calls) {
    const inbound = calls.filter((c) => c.direction === 'inbound');
    const missed = inbound.filter((c) => !c.answered);
    return {
        inbound: inbound.length, answered: inbound.filter((c) => c.answered).length, missed: missed.length,
        missedOpen: missed.filter((c) => !CALLED_BACK.has(c.id)).length, outbound: calls.filter((c) => c.direction === 'outbound').length,
        talkSec: calls.reduce((s, c) => s + c.talkSec, 0),
        // every answer in these recordings came within a few seconds, under REPORT_ANSWERED_WITHIN_SEC (20)
        answeredWithinShare: inbound.length ? Math.round((inbound.filter((c) => c.answered).length / inbound.length) * 10000) / 10000 : null,
    };
}
function expectedRows(key) {
    const keys = [...new Set(TRUTH.map((c) => c[key]).filter((k) => k !== null))].sort();
    return keys.map((k) => ({ key: k, ...sums(TRUTH.filter((c) => c[key] === k)) }));
}
async function daemonAfterReplay() {
    const [first, ...rest] = TRANSCRIPTS.map((n) => `${n}.ami`);
    const started = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn(first ?? '', 10), ...rest.map(amiFixture)], speed: 50 }, { env: { LOG_LEVEL: 'debug' } });
    await started.pbx.finished;
    await waitForJournal(started.daemon, TRANSCRIPTS.length);
    return started.daemon;
}
function parseCsv(text) {
    const [head, ...lines] = text.trim().split('\r\n');
    const columns = (head ?? '').split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i] ?? '', v])));
}
const PERIOD = 'from=2026-11-23&to=2026-11-24&tz=Europe%2FMoscow';
describe('reports, traces and erasure over replayed calls', () => {
    it('reports per operator and per line what the recordings say, as JSON and as CSV', async () => {
        const daemon = await daemonAfterReplay();
        for (const [report, column, key] of [['operators', 'extension', 'agent'], ['lines', 'line', 'line']]) {
            const json = await daemon.get(`/v1/reports/${report}?${PERIOD}`);
            expect(json.status).toBe(200);
            const body = json.body;
            expect(body).toMatchObject({ from: '2026-11-22T21:00:00.000Z', to: '2026-11-23T21:00:00.000Z', tz: 'Europe/Moscow' });
            const expected = expectedRows(key);
            expect(body.rows.map((r) => r[column])).toEqual(expected.map((e) => e.key));
            for (const e of expected) {
                const { key: k, ...figures } = e;
                expect(body.rows.find((r) => r[column] === k)).toMatchObject(figures);
            }
            const csv = await daemon.http.inject({ method: 'GET', url: `/v1/reports/${report}?${PERIOD}`, headers: { authorization: `Bearer ${TEST_API_TOKEN}`, accept: 'text/csv' } });
            expect(csv.headers['content-type']).toContain('text/csv');
            const rows = parseCsv(csv.body);
            expect(Object.keys(rows[0] ?? {})).toEqual(Object.keys(body.rows[0] ?? {}));
            expect(rows).toEqual(body.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))));
            expect((await daemon.get(`/v1/reports/${report}?${PERIOD}&format=csv`)).text).toBe(csv.body);
        }
        expect((await daemon.get('/v1/calls/1795413749.0')).body).toMatchObject({ calledBack: { callId: '1795413763.0', by: '202' } });
        const before = (await daemon.get('/v1/reports/operators?from=2026-11-22&to=2026-11-23&tz=Europe%2FMoscow')).body;
        expect(before.rows).toEqual([]);
        expect((await daemon.get('/v1/reports/lines?from=2026-11-24&to=2026-11-23')).status).toBe(400);
        expect((await daemon.get('/v1/reports/lines?from=yesterday&to=2026-11-23')).status).toBe(400);
        expect((await daemon.get(`/v1/reports/lines?${PERIOD}`, null)).status).toBe(401);
    });
    it('traces a transferred call: its AMI events, the tracker stages, the responsible rule and the CRM requests', async () => {
        const daemon = await daemonAfterReplay();
        const res = await daemon.get('/v1/calls/1795413797.0/trace');
        expect(res.status).toBe(200);
        const trace = res.body;
        const events = new Set(trace.amiEvents.map((e) => e.event));
        for (const name of ['Newchannel', 'DialBegin', 'BlindTransfer', 'Hangup'])
            expect(events, name).toContain(name);
        // stored as the frames' text, read back as the fields the tracker saw: lower-case keys, no privilege, PBX time
        for (const e of trace.amiEvents) {
            expect(e.fields['event']).toBe(e.event);
            expect(e.fields).not.toHaveProperty('privilege');
            expect(e.atMs).toBe(Math.round(Number(e.fields['timestamp']) * 1000));
        }
        expect(trace.amiEvents.find((e) => e.event === 'Newchannel')?.fields).toMatchObject({ linkedid: '1795413797.0', channel: expect.any(String), uniqueid: expect.any(String) });
        const stages = trace.decisions.filter((d) => d['kind'] === 'tracker').map((d) => d['stage']);
        expect(stages).toEqual(expect.arrayContaining(['ringing', 'answered', 'transferred', 'ended']));
        expect(trace.decisions.find((d) => d['kind'] === 'responsible')).toMatchObject({ extension: '202', rule: 'last-answerer' });
        const crm = trace.decisions.filter((d) => d['kind'] === 'crm');
        expect(crm.map((d) => d['method'])).toEqual(expect.arrayContaining(['registerCall', 'finishCall']));
        for (const d of crm)
            expect(d).toMatchObject({ adapter: 'local', result: 'ok', durationMs: expect.any(Number) });
        expect((await daemon.get('/v1/calls/1795413797.9/trace')).status).toBe(404);
    });
    it('erases a number from the journal, traces, local contacts and the route cache; the reports keep their figures', async () => {
        const daemon = await daemonAfterReplay();
        const operatorsBefore = (await daemon.get(`/v1/reports/operators?${PERIOD}`)).body;
        expect((await daemon.get(`/v1/route?phone=${encodeURIComponent(DIALLED)}`)).status).toBe(200); // caches "nobody"
        const erase = () => daemon.http.inject({ method: 'DELETE', url: `/v1/contacts/${encodeURIComponent(DIALLED)}/personal-data`, headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
        const res = await erase();
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ removed: { calls: 1, traces: 1, contacts: 1, routeCache: 1 } });
        expect((await daemon.get(`/v1/calls?phone=${encodeURIComponent(DIALLED)}`)).body).toMatchObject({ items: [] });
        expect((await daemon.get('/v1/calls/1795413782.0/trace')).status).toBe(404);
        expect((await daemon.get(`/v1/contacts?phone=${encodeURIComponent(DIALLED)}`)).status).toBe(404);
        expect((await daemon.get('/v1/calls')).body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ id: '1795413735.0' })]) });
        expect((await daemon.get(`/v1/reports/operators?${PERIOD}`)).body).toEqual(operatorsBefore);
        expect((await erase()).json()).toEqual({ removed: { calls: 0, traces: 0, contacts: 0, routeCache: 0 } });
        const bad = await daemon.http.inject({ method: 'DELETE', url: '/v1/contacts/12/personal-data', headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
        expect(bad.statusCode).toBe(400);
    });
    it('masks phone numbers in log lines at info level and above, an error message from the CRM included', async () => {
        vi.spyOn(LocalCrmAdapter.prototype, 'findByPhone').mockRejectedValueOnce(new RetryableError(`CRM refused to look up ${CALLER} (8${CALLER.slice(2)})`));
        const daemon = await daemonAfterReplay();
        const lines = daemon.logLines().map((l) => JSON.parse(l));
        const info = lines.filter((l) => l.level >= 30).map((l) => JSON.stringify(l));
        expect(info.some((l) => l.includes('+7495***4567'))).toBe(true); // the failed stage was logged, masked
        for (const n of [CALLER, DIALLED, CALLER.slice(1), DIALLED.slice(1)])
            expect(info.filter((l) => l.includes(n)), n).toEqual([]);
    });
});
