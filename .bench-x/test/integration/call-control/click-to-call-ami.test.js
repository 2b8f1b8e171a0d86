import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { response } from '../../../harness/ami/ami-replay-actions.js';
import { ClickToCallOriginator } from '../../../src/http/click-to-call-originator.js';
import { BITRIX24_EVENTS_PATH } from '../../../src/crm/bitrix24/bitrix24-events.js';
import { bitrix24EventsWith } from '../../support/bitrix24-event-routes.js';
import { clickToCallRoutes } from '../../../src/http/routes/click-to-call.js';
import { ExtensionAvailability } from '../../../src/routing/extension-availability.js';
import { ResponsibleRouter } from '../../../src/routing/responsible-router.js';
import { normalizePhoneNumber } from '../../../src/calls/phone-number.js';
import { memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions, amiFixture } from '../../support/ami-replay.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { AUTH, ORIGINATE, callControlApp, makeGuard } from '../../unit/http/call-control-app.js';
import { waitFor } from '../../../harness/poll.js';
const RATE = { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 100 };
const APP_TOKEN = 'b24-app-token-s3cr3t-value';
async function appAgainst(server, o = {}) {
    const { log, lines } = memoryLogger('info');
    const ami = startTestAmiConnection(testAmiOptions(server), log);
    await ami.waitConnected(3000);
    const originator = new ClickToCallOriginator(ami, o.settings ?? ORIGINATE, log);
    const users = { extensionOfUser: async (id) => (id === '1269' ? '202' : null) };
    const app = await callControlApp([
        clickToCallRoutes({ guard: makeGuard(o.policy), originator, users, rateLimit: RATE }),
        bitrix24EventsWith({
            applicationToken: APP_TOKEN, memberId: null, guard: makeGuard(), originator, users, router: null, callbackExtension: null, rateLimit: RATE, log,
        }),
    ], { log });
    return { app, ami, lines };
}
function originates(server) {
    return server.actions.filter((a) => a.name === 'Originate');
}
describe('click-to-call against the AMI replay server', () => {
    it('sends the §7 Originate over TCP and answers 202 with the ChannelId as call id', async () => {
        const server = await startTestAmiServer();
        const { app } = await appAgainst(server);
        const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233', crmCallId: 'crm-7f3a9c' } });
        expect(res.statusCode).toBe(202);
        const { callId } = res.json();
        const [sent] = originates(server);
        expect(sent?.fields).toMatchObject({
            channel: 'Local/201@operators', context: 'from-internal', exten: '84951112233', priority: '1', async: 'true',
            timeout: '30000', channelid: callId, otherchannelid: `${callId}-2`,
        });
        expect(sent?.pairs.filter(([k]) => k === 'Variable').map(([, v]) => v)).toEqual(['CRM_OPERATOR=201', '__CRM_CALL_ID=crm-7f3a9c']);
    });
    /** MikoPBX settings (docs/call-control.md): the phone rings through internal-originate, the number goes through crm-originate. */
    const MIKOPBX = {
        channelTemplate: 'Local/{ext}@internal-originate', context: 'crm-originate', timeoutMs: 25000, callerIdName: 'CRM', cidVariable: 'pt1c_cid',
    };
    it.each([
        ['national', '84951112233'], ['digits', '74951112233'], ['e164', '+74951112233'],
    ])('dials in the PBX format %s (%s); the operator\'s phone shows the customer, the first leg names the operator', async (numberFormat, exten) => {
        const server = await startTestAmiServer();
        const { app } = await appAgainst(server, { settings: MIKOPBX, policy: { numberFormat } });
        const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '+7 (495) 111-22-33' } });
        expect(res.statusCode).toBe(202);
        const [sent] = originates(server);
        expect(sent?.fields).toMatchObject({
            channel: 'Local/201@internal-originate', context: 'crm-originate', exten, callerid: `"CRM" <${exten}>`, timeout: '25000',
        });
        expect(sent?.pairs.filter(([k]) => k === 'Variable').map(([, v]) => v).sort()).toEqual(['CRM_OPERATOR=201', `pt1c_cid=${exten}`]);
    });
    it.each(['112', '+78095551234', '88095551234', '03'])('sends no Originate for %s (emergency or premium)', async (to) => {
        const server = await startTestAmiServer();
        const { app } = await appAgainst(server, { settings: MIKOPBX });
        const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to } });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toMatch(/^(emergency|premium)_number$/);
        await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233' } });
        expect(originates(server).map((a) => a.fields['exten'])).toEqual(['84951112233']); // the AMI link works: only the allowed call went out
    });
    it('answers 502 with Asterisk\'s reason when the Originate is refused', async () => {
        const server = await startTestAmiServer({
            onAction: (a) => (a.name === 'Originate' ? [response('Error', { Message: 'Extension does not exist.' })] : undefined),
        });
        const { app } = await appAgainst(server);
        const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233' } });
        expect(res.statusCode).toBe(502);
        expect(res.json()).toMatchObject({ error: { code: 'originate_rejected', message: expect.stringContaining('Extension does not exist.') } });
    });
    it('answers 503 while AMI is down, and the call is not placed after the reconnect', async () => {
        const server = await startTestAmiServer();
        const { app, ami } = await appAgainst(server);
        server.pause();
        server.dropClients();
        await waitFor(() => ami.state !== 'connected', { what: 'the AMI drop', timeoutMs: 5000 });
        const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: AUTH, payload: { from: '201', to: '84951112233' } });
        expect(res.statusCode).toBe(503);
        server.resume();
        await ami.waitConnected(3000);
        await ami.action('Ping', {});
        expect(originates(server)).toHaveLength(0);
    });
    it('turns Bitrix24\'s ONEXTERNALCALLSTART into an Originate that carries its CALL_ID', async () => {
        const server = await startTestAmiServer();
        const { app, lines } = await appAgainst(server);
        const payload = new URLSearchParams({
            event: 'ONEXTERNALCALLSTART', 'data[USER_ID]': '1269', 'data[PHONE_NUMBER]': '+74951112233',
            'data[CALL_ID]': 'externalCall.8935c5b0.1773236989', 'auth[application_token]': APP_TOKEN, 'auth[domain]': 'x.bitrix24.ru',
        }).toString();
        const res = await app.inject({ method: 'POST', url: BITRIX24_EVENTS_PATH, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(res.statusCode).toBe(200);
        const [sent] = originates(server);
        expect(sent?.fields['channel']).toBe('Local/202@operators');
        expect(sent?.pairs.filter(([k]) => k === 'Variable').map(([, v]) => v)).toEqual(['CRM_OPERATOR=202', '__CRM_CALL_ID=externalCall.8935c5b0.1773236989']);
        expect(lines().join('\n')).not.toContain(APP_TOKEN);
    });
});
async function routerOverLiveAmi(frames) {
    const server = await startTestAmiServer({ transcripts: [frames] });
    const { log } = memoryLogger('info');
    const ami = startTestAmiConnection(testAmiOptions(server), log);
    const availability = new ExtensionAvailability({ devicePattern: '^(?:PJSIP|SIP|IAX2|Local)/(\\d{1,9})(?:@[^/;-]+)?$' });
    const busySeen = [];
    ami.onEvent(() => { if (!availability.isFree('201'))
        busySeen.push(true); });
    availability.attach(ami);
    await ami.waitConnected(3000);
    await server.finished;
    const router = new ResponsibleRouter({
        crm: { responsible: { find: async () => ({ extension: '201', userId: '5', name: 'Anna' }), set: async () => undefined }, findByPhone: async () => null }, redis: testRedis(), prefix: uniquePrefix(),
        timeoutMs: 500, ttlSec: 60, availability, log, normalize: (p) => normalizePhoneNumber(p, 'RU'), fallbackExtension: '202',
    });
    return { router, availability, busySeen };
}
describe('availability fed by a live AMI connection', () => {
    it('routes to the fallback colleague while the responsible is on a call (click-to-call.ami up to the answer)', async () => {
        const text = await readFile(amiFixture('click-to-call.ami'), 'utf8');
        const blocks = text.slice(text.indexOf('\n') + 1).split('\r\n\r\n');
        const bridged = blocks.findIndex((b) => b.startsWith('Event: BridgeEnter'));
        const { router, availability } = await routerOverLiveAmi({ frames: blocks.slice(0, bridged + 1) });
        await waitFor(() => !availability.isFree('201'), { what: '201 to be on the call', timeoutMs: 5000 });
        expect(await router.lookup('84951112233')).toMatchObject({ extension: '202', source: 'fallback' });
    });
    it('routes to the responsible again once the call has ended (whole click-to-call.ami)', async () => {
        const { router, availability, busySeen } = await routerOverLiveAmi(amiFixture('click-to-call.ami'));
        await waitFor(() => busySeen.length > 0 && availability.isFree('201'), { what: 'the call to start and end', timeoutMs: 5000 });
        expect(await router.lookup('84951112233')).toMatchObject({ extension: '201' });
    });
});
