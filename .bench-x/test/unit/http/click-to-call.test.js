import { describe, expect, it } from 'vitest';
import { AmiActionError } from '../../../src/pbx/ami-client.js';
import { clickToCallRoutes } from '../../../src/http/routes/click-to-call.js';
import { ClickToCallOriginator } from '../../../src/http/click-to-call-originator.js';
import { silentLogger } from '../../../src/log.js';
import { AUTH, ORIGINATE, FakeAmiClient, callControlApp, makeGuard, makeOriginator, variablesOf } from './call-control-app.js';
const USERS = { '1269': '202' };
async function setup(overrides = {}, ami = new FakeAmiClient()) {
    const deps = {
        guard: makeGuard(),
        originator: makeOriginator(ami),
        users: { extensionOfUser: async (id) => USERS[id] ?? null },
        rateLimit: { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 100 },
        ...overrides,
    };
    const app = await callControlApp([clickToCallRoutes(deps)]);
    const post = (payload, headers = AUTH) => app.inject({ method: 'POST', url: '/v1/originate', headers, payload });
    return { app, ami, post };
}
describe('POST /v1/originate', () => {
    it('queues an async Originate that rings the operator first and answers 202 with the call id', async () => {
        const { ami, post } = await setup();
        const res = await post({ from: '201', to: '8 (495) 111-22-33', crmCallId: 'crm-7f3a9c' });
        expect(res.statusCode).toBe(202);
        const { callId } = res.json();
        expect(callId).toMatch(/^c2c-[0-9a-f-]{36}$/);
        expect(ami.actions).toHaveLength(1);
        const [action] = ami.actions;
        expect(action?.name).toBe('Originate');
        expect(action?.fields).toMatchObject({
            Channel: 'Local/201@operators', Context: 'from-internal', Exten: '84951112233', Priority: '1',
            Async: 'true', Timeout: '30000', ChannelId: callId, OtherChannelId: `${callId}-2`, CallerID: '"CRM" <84951112233>',
        });
        expect(variablesOf(action?.fields ?? {})).toEqual({ __CRM_CALL_ID: 'crm-7f3a9c', CRM_OPERATOR: '201' });
    });
    it('tells the onPlaced listener what was placed', async () => {
        const ami = new FakeAmiClient();
        const placed = [];
        const { post } = await setup({ originator: new ClickToCallOriginator(ami, ORIGINATE, silentLogger(), (c) => placed.push(c)) }, ami);
        const res = await post({ from: '201', to: '84951112233', crmCallId: 'crm-1' });
        expect(placed).toEqual([{ callId: res.json().callId, extension: '201', to: '84951112233', crmCallId: 'crm-1', callback: false }]);
    });
    it('rings the extension of a CRM user given as {crmUserId}', async () => {
        const { ami, post } = await setup();
        const res = await post({ from: { crmUserId: '1269' }, to: '84951112233' });
        expect(res.statusCode).toBe(202);
        expect(ami.actions[0]?.fields['Channel']).toBe('Local/202@operators');
        expect(variablesOf(ami.actions[0]?.fields ?? {})).toEqual({ CRM_OPERATOR: '202' });
    });
    it('answers 422 for a CRM user without an extension and for an unknown extension, without touching AMI', async () => {
        const { ami, post } = await setup();
        const user = await post({ from: { crmUserId: '77' }, to: '84951112233' });
        expect(user.statusCode).toBe(422);
        expect(user.json()).toMatchObject({ error: { code: 'unknown_user' } });
        const ext = await post({ from: '299', to: '84951112233' });
        expect(ext.statusCode).toBe(422);
        expect(ext.json()).toMatchObject({ error: { code: 'unknown_extension' } });
        expect(ami.actions).toHaveLength(0);
    });
    it('needs the bearer token', async () => {
        const { ami, post } = await setup();
        expect((await post({ from: '201', to: '84951112233' }, {})).statusCode).toBe(401);
        expect((await post({ from: '201', to: '84951112233' }, { authorization: 'Bearer wrong-token-xxxxxxxx' })).statusCode).toBe(401);
        expect(ami.actions).toHaveLength(0);
    });
    it('answers 503 while AMI is down and never queues the call for later', async () => {
        const ami = new FakeAmiClient();
        ami.state = 'disconnected';
        const { post } = await setup({}, ami);
        const res = await post({ from: '201', to: '84951112233' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ error: { code: 'ami_unavailable' } });
        expect(ami.actions).toHaveLength(0);
    });
    it('answers 502 with Asterisk\'s reason when the Originate is rejected', async () => {
        const ami = new FakeAmiClient();
        ami.answer = async () => { throw new AmiActionError('AMI action Originate rejected: Extension does not exist.', 'rejected'); };
        const { post } = await setup({}, ami);
        const res = await post({ from: '201', to: '84951112233' });
        expect(res.statusCode).toBe(502);
        expect(res.json()).toEqual({ error: { code: 'originate_rejected', message: 'AMI action Originate rejected: Extension does not exist.' } });
    });
    it('answers 504 when AMI does not answer in time', async () => {
        const ami = new FakeAmiClient();
        ami.answer = async () => { throw new AmiActionError('AMI action Originate timed out', 'timeout'); };
        const { post } = await setup({}, ami);
        expect((await post({ from: '201', to: '84951112233' })).statusCode).toBe(504);
    });
    it.each([
        ['CR/LF in to', { from: '201', to: '84951112233\r\nAction: Command' }, 400],
        ['CR/LF in from', { from: '201\r\nAction: Command', to: '84951112233' }, 400],
        ['an international number', { from: '201', to: '+442079460000' }, 403],
        ['a premium number', { from: '201', to: '88095551234' }, 403],
        ['a function as a variable', { from: '201', to: '84951112233', variables: { 'SHELL(id)': '1' } }, 400],
        ['CR/LF in callerId', { from: '201', to: '84951112233', callerId: 'x\r\nAction: Command' }, 400],
        ['an unknown body key', { from: '201', to: '84951112233', channel: 'PJSIP/trunk/900' }, 400],
    ])('refuses %s before anything reaches AMI', async (_what, body, status) => {
        const { ami, post } = await setup();
        const res = await post(body);
        expect(res.statusCode).toBe(status);
        expect(res.json()).toHaveProperty('error.code');
        expect(ami.actions).toHaveLength(0);
    });
    it('limits originates per extension (429)', async () => {
        const { ami, post } = await setup({ rateLimit: { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 2 } });
        expect((await post({ from: '201', to: '84951112233' })).statusCode).toBe(202);
        expect((await post({ from: '201', to: '84951112233' })).statusCode).toBe(202);
        const third = await post({ from: '201', to: '84951112233' });
        expect(third.statusCode).toBe(429);
        expect(third.json()).toMatchObject({ error: { code: 'rate_limited' } });
        expect((await post({ from: '202', to: '84951112233' })).statusCode).toBe(202);
        expect(ami.actions).toHaveLength(3);
    });
    it('limits originates per API token (429)', async () => {
        const { ami, post } = await setup({ rateLimit: { windowMs: 60_000, perTokenMax: 2, perExtensionMax: 100 } });
        expect((await post({ from: '201', to: '84951112233' })).statusCode).toBe(202);
        expect((await post({ from: '202', to: '84951112233' })).statusCode).toBe(202);
        const third = await post({ from: '202', to: '84951112233' });
        expect(third.statusCode).toBe(429);
        expect(third.json()).toMatchObject({ error: { code: 'rate_limited' } });
        expect(ami.actions).toHaveLength(2);
    });
});
