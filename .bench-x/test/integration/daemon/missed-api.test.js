import { describe, expect, it } from 'vitest';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { startDaemonThenPbx, TEST_API_TOKEN, waitForJournal } from '../../support/test-daemon.js';
describe('GET /v1/missed and POST /v1/missed/{id}/done', () => {
    it('lists missed calls by owner and state, and closes one by hand with its CRM task', async () => {
        // the answered call first, synced, then the missed ones (played at once, a later call's lookup could outrun the
        // earlier call's end, which makes 201 the client's responsible)
        const env = { TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$,-incoming$', MISSED_CALLS_RESPONSIBLE: '209' };
        const { daemon, pbx: first } = await startDaemonThenPbx({ transcripts: [amiFixture('inbound-answered.ami')] }, { env });
        await first.finished;
        await waitForJournal(daemon, 1);
        await first.close();
        const pbx = await startTestAmiServer({ port: daemon.config.ami.port, transcripts: [amiFixture('inbound-missed.ami'), amiFixture('pjsip/inbound-missed.ami')] });
        await pbx.finished;
        await waitForJournal(daemon, 3);
        const post = (url, payload) => daemon.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TEST_API_TOKEN}` }, ...(payload ? { payload } : {}) });
        const all = (await daemon.get('/v1/missed')).body;
        expect(all.items.map((i) => i.id).sort()).toEqual(['1795413749.0', 'pbx22-1796220579.0']); // the answered call is no missed call
        // inbound-answered made 201 the responsible of 74951234567, so its missed call is 201's; the new PJSIP caller's goes to MISSED_CALLS_RESPONSIBLE
        expect(all.items.map((i) => [i.id, i.owner, i.open])).toEqual(expect.arrayContaining([['1795413749.0', '201', true], ['pbx22-1796220579.0', '209', true]]));
        expect((await daemon.get('/v1/missed?owner=201')).body.items.map((i) => i.id)).toEqual(['1795413749.0']);
        const done = await post('/v1/missed/1795413749.0/done', { by: '202' });
        expect(done.statusCode).toBe(200);
        expect(done.json()).toMatchObject({ id: '1795413749.0', open: false, calledBack: { by: '202', callId: 'manual' } });
        expect((await post('/v1/missed/1795413749.0/done')).statusCode).toBe(409);
        expect((await post('/v1/missed/1795413735.0/done')).statusCode).toBe(404); // answered
        expect((await post('/v1/missed/nope/done', { by: 'x' })).statusCode).toBe(400);
        expect((await daemon.get('/v1/missed?open=true')).body.items.map((i) => i.id)).toEqual(['pbx22-1796220579.0']);
        expect((await daemon.get('/v1/missed?open=false')).body.items.map((i) => i.id)).toEqual(['1795413749.0']);
        expect((await daemon.localCrm().callbackTask('1795413749.0'))?.closed).toMatchObject({ by: '202', byCallId: 'manual' });
        expect((await daemon.get('/v1/missed?owner=abc')).status).toBe(400);
        expect((await daemon.get('/v1/missed', null)).status).toBe(401);
    });
});
