import { describe, expect, it } from 'vitest';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startDaemonThenPbx, startTestDaemon, TEST_API_TOKEN, waitForJournal } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const TRANSCRIPTS = ['inbound-answered', 'inbound-missed', 'inbound-queue', 'outbound', 'blind-transfer', 'recorded-call'];
const CALLER = '+74951234567';
const DIALLED = '+74951112233';
const RECORDING = '/var/spool/asterisk/monitor/20261123-060424-74951234567-1795413864.1.wav';
/** What each transcript's call must look like in the journal, read from the events (see fixtures/ami/README.md). */
const EXPECTED = {
    'inbound-answered': {
        id: '1795413735.0', startedAtMs: 1795413735221, direction: 'inbound', externalNumber: CALLER, line: '4951230000', callerExtension: null, agent: '201',
        disposition: 'answered', ringDurationSec: 2, talkDurationSec: 3, hangupCause: 16, recordingFile: null, queue: null, transfers: [],
    },
    'inbound-missed': {
        // a missed call's agent is its owner: the client's responsible when its end is synced. At 50× the calls' stages
        // overlap, so that is 201 (the answered call before it) or 202 (the queue call after it answered first)
        id: '1795413749.0', startedAtMs: 1795413749280, direction: 'inbound', externalNumber: CALLER, line: '4951230000', callerExtension: null, agent: expect.stringMatching(/^20[12]$/),
        disposition: 'missed', ringDurationSec: 5, talkDurationSec: null, answeredAtMs: null, hangupCause: 19, recordingFile: null,
    },
    'inbound-queue': {
        id: '1795413763.0', startedAtMs: 1795413763330, direction: 'inbound', externalNumber: CALLER, line: '4951230002', agent: '202',
        disposition: 'answered', ringDurationSec: 4, talkDurationSec: 6, queue: 'support', recordingFile: null,
    },
    outbound: {
        id: '1795413782.0', startedAtMs: 1795413782303, direction: 'outbound', externalNumber: DIALLED, line: null, callerExtension: '201', agent: '201',
        disposition: 'answered', ringDurationSec: 2, talkDurationSec: 4, recordingFile: null,
    },
    'blind-transfer': {
        id: '1795413797.0', startedAtMs: 1795413797358, direction: 'inbound', externalNumber: CALLER, line: '4951230000', agent: '202',
        disposition: 'answered', ringDurationSec: 2, talkDurationSec: 11, recordingFile: null,
        transfers: [expect.objectContaining({ kind: 'blind', fromExtension: '201', toTarget: '202' })],
    },
    'recorded-call': {
        id: '1795413864.0', startedAtMs: 1795413864309, direction: 'inbound', externalNumber: CALLER, line: '4951230003', agent: '201',
        disposition: 'answered', ringDurationSec: 2, talkDurationSec: 3, recordingFile: RECORDING,
    },
};
/** A daemon fed the six transcripts over TCP, with all six calls journaled. */
async function daemonAfterReplay() {
    const [first, ...rest] = TRANSCRIPTS.map((n) => `${n}.ami`);
    const transcripts = [fixtureWithLeadIn(first ?? '', 10), ...rest.map(amiFixture)];
    const started = await startDaemonThenPbx({ transcripts, speed: 50 });
    await started.pbx.finished;
    await waitForJournal(started.daemon, TRANSCRIPTS.length);
    return started;
}
const ids = (body) => body.items.map((c) => c.id);
describe('replay server → daemon → queue → local store → HTTP API', () => {
    it('journals each replayed call exactly once, with the record its events describe', async () => {
        const { daemon } = await daemonAfterReplay();
        const res = await daemon.get('/v1/calls?limit=100');
        expect(res.status).toBe(200);
        const items = res.body.items;
        expect(items).toHaveLength(TRANSCRIPTS.length);
        expect(new Set(items.map((c) => c.id)).size).toBe(TRANSCRIPTS.length);
        for (const [name, expected] of Object.entries(EXPECTED)) {
            expect(items.find((c) => c.id === expected.id), name).toMatchObject(expected);
            const one = await daemon.get(`/v1/calls/${expected.id}`);
            expect(one.status, name).toBe(200);
            expect(one.body, name).toMatchObject({ ...expected, crm: { adapter: 'local', crmCallId: `local-${expected.id}` } });
        }
        expect(ids(res.body)).toEqual(Object.values(EXPECTED).map((e) => e.id).reverse()); // newest first
        expect((await daemon.get('/v1/calls/1795413735.9')).status).toBe(404);
        expect(daemon.crm.workers?.stats()).toMatchObject({ failedPermanent: 0, failedExhausted: 0 });
    });
    it('filters by phone, extension, disposition and time, and pages with a cursor', async () => {
        const { daemon } = await daemonAfterReplay();
        const all = ids((await daemon.get('/v1/calls')).body);
        expect(ids((await daemon.get(`/v1/calls?phone=${encodeURIComponent(DIALLED)}`)).body)).toEqual(['1795413782.0']);
        expect(ids((await daemon.get('/v1/calls?phone=84951234567')).body)).toEqual([]); // the API takes E.164 as stored
        expect(ids((await daemon.get(`/v1/calls?phone=${encodeURIComponent(CALLER)}`)).body)).toHaveLength(5);
        expect(ids((await daemon.get('/v1/calls?extension=202')).body)).toEqual(['1795413797.0', '1795413763.0']);
        expect(ids((await daemon.get('/v1/calls?disposition=missed')).body)).toEqual(['1795413749.0']);
        const from = new Date(1795413763_000).toISOString();
        const to = new Date(1795413800_000).toISOString();
        expect(ids((await daemon.get(`/v1/calls?from=${from}&to=${to}`)).body)).toEqual(['1795413797.0', '1795413782.0', '1795413763.0']);
        expect((await daemon.get(`/v1/calls?from=${to}&to=${from}`)).status).toBe(400);
        expect((await daemon.get('/v1/calls?disposition=lost')).status).toBe(400);
        const paged = [];
        let cursor = null;
        do {
            const page = (await daemon.get(`/v1/calls?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).body;
            paged.push(...page.items.map((c) => c.id));
            cursor = page.nextCursor;
        } while (cursor !== null && paged.length < 20);
        expect(paged).toEqual(all);
        const bad = await daemon.get('/v1/calls?cursor=bm90LWEtY3Vyc29y');
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ error: { code: 'invalid_cursor' } });
    });
    it('creates one "No name" contact per unknown number, with every call in its history', async () => {
        const { daemon } = await daemonAfterReplay();
        const res = await daemon.get(`/v1/contacts?phone=${encodeURIComponent(CALLER)}`);
        expect(res.status).toBe(200);
        const [contact] = res.body.items;
        expect(contact).toMatchObject({ phone: CALLER, name: 'No name', entity: { kind: 'contact' } });
        expect((await daemon.get('/v1/contacts?phone=84951234567')).body).toEqual(res.body); // national form, same contact
        if (!contact)
            throw new Error('no contact');
        const history = await daemon.localCrm().history(contact.entity);
        expect(history.map((h) => [h.callId, h.kind, h.disposition, h.agent])).toEqual([
            ['1795413864.0', 'incoming', 'answered', '201'],
            ['1795413797.0', 'incoming', 'answered', '202'],
            ['1795413763.0', 'incoming', 'answered', '202'],
            ['1795413749.0', 'incoming', 'missed', expect.stringMatching(/^20[12]$/)], // the owner, as above
            ['1795413735.0', 'incoming', 'answered', '201'],
        ]);
        expect(history[0]?.recording).toBe(RECORDING);
        expect(await daemon.localCrm().entitiesOf(CALLER)).toHaveLength(1);
        const dialled = await daemon.get(`/v1/contacts?phone=${encodeURIComponent(DIALLED)}`);
        const [callee] = dialled.body.items;
        expect(callee?.name).toBe('No name');
        if (!callee)
            throw new Error('no contact for the dialled number');
        expect((await daemon.localCrm().history(callee.entity)).map((h) => [h.callId, h.kind, h.agent])).toEqual([['1795413782.0', 'outgoing', '201']]);
        expect((await daemon.get('/v1/contacts?phone=%2B74950000000')).status).toBe(404);
    });
    it('guards /v1 with the bearer token and serves /health, /ready and /metrics', async () => {
        const { daemon, pbx } = await daemonAfterReplay();
        expect((await daemon.get('/v1/calls', null)).status).toBe(401);
        const wrong = await daemon.get('/v1/calls', `${TEST_API_TOKEN}x`);
        expect(wrong.status).toBe(401);
        expect(wrong.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        expect(wrong.text).not.toContain(TEST_API_TOKEN);
        expect((await daemon.get('/v1/contacts?phone=%2B74951234567', null)).status).toBe(401);
        expect(await daemon.get('/health', null)).toMatchObject({ status: 200, body: { status: 'ok' } });
        expect(await daemon.get('/ready', null)).toMatchObject({ status: 200, body: { status: 'ready', ami: 'connected', redis: true } });
        const metrics = await daemon.get('/metrics', null);
        expect(metrics.status).toBe(200);
        expect(metrics.text).toMatch(/^pcb_ami_connected 1$/m);
        expect(metrics.text).toMatch(/^pcb_open_calls 0$/m);
        expect(metrics.text).toMatch(/^pcb_ami_events_total [1-9]\d*$/m);
        expect(metrics.text).toMatch(/^pcb_queue_jobs\{state="failed"\} 0$/m);
        // every call of the replay had its ringing stage applied, each timed; the local adapter's requests were timed too
        expect(metrics.text).toMatch(/^pcb_stage_apply_latency_seconds_count\{stage="ringing"\} ([6-9]|\d\d+)$/m);
        expect(metrics.text).toMatch(/^pcb_crm_request_duration_seconds_count\{adapter="local",method="registerCall",result="ok"\} ([6-9]|\d\d+)$/m);
        expect(metrics.text).toMatch(/^pcb_event_buffer_flushed_total [1-9]\d*$/m);
        expect((await daemon.get('/v1/route?phone=%2B74951234567')).status).toBe(200);
        expect((await daemon.get('/metrics', null)).text).toMatch(/^pcb_route_request_duration_seconds_count\{via="http"\} 1$/m);
        await pbx.close(); // the PBX goes away
        await waitFor(() => daemon.ami.state !== 'connected', { what: 'the daemon to notice the PBX is gone', timeoutMs: 5000 });
        // an AMI reconnect does not take routing out of service: still ready, with the AMI state shown
        const ready = await daemon.get('/ready', null);
        expect(ready.status).toBe(200);
        const amiAway = expect.stringMatching(/^(disconnected|connecting)$/);
        expect(ready.body).toMatchObject({ status: 'ready', redis: true, workers: 'running', ami: amiAway, pbx: [{ state: amiAway, thisInstance: true }] });
        expect((await daemon.get('/v1/route?phone=%2B74951234567')).status).toBe(200);
        expect((await daemon.get('/metrics', null)).text).toMatch(/^pcb_ami_connected 0$/m);
    });
    it('loses no call when the PBX streams the instant the daemon logs in (before it has taken the AMI lease)', async () => {
        const pbx = await startTestAmiServer({ transcripts: TRANSCRIPTS.map((n) => amiFixture(`${n}.ami`)) }); // speed 0: all at once
        const daemon = await startTestDaemon({ amiPort: pbx.port });
        await pbx.finished;
        const calls = await waitForJournal(daemon, TRANSCRIPTS.length);
        expect(calls.map((c) => [c.id, c.disposition]).sort()).toEqual(Object.values(EXPECTED).map((e) => [e.id, e.disposition]).sort());
    });
});
