import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BITRIX24_EVENTS_PATH } from '../../../../src/crm/bitrix24/bitrix24-events.js';
import { formValue, parseBitrixForm } from '../../../../src/crm/bitrix24/bitrix24-form.js';
import { createLogger } from '../../../../src/log.js';
import { bitrix24EventsWith } from '../../../support/bitrix24-event-routes.js';
import { FakeAmiClient, callControlApp, makeGuard, makeOriginator, variablesOf } from '../../http/call-control-app.js';
const APP_TOKEN = 'b24-app-token-s3cr3t-value';
const CALL_ID = 'externalCall.8935c5b0e1f24a6e9d0c1b2a3f4e5d6c.1773236989';
function form(fields) {
    return new URLSearchParams(fields).toString();
}
function callStart(overrides = {}) {
    return form({
        event: 'ONEXTERNALCALLSTART', event_handler_id: '1055',
        'data[PHONE_NUMBER]': '+74951112233', 'data[PHONE_NUMBER_INTERNATIONAL]': '+74951112233', 'data[EXTENSION]': '',
        'data[USER_ID]': '1269', 'data[CALL_LIST_ID]': '0', 'data[LINE_NUMBER]': '', 'data[IS_MOBILE]': '0',
        'data[CALL_ID]': CALL_ID, 'data[CRM_ENTITY_TYPE]': 'CONTACT', 'data[CRM_ENTITY_ID]': '797',
        'data[CRM_CREATED_ENTITIES][0][ENTITY_TYPE]': 'LEAD', ts: '1773236988',
        'auth[domain]': 'example.bitrix24.ru', 'auth[member_id]': 'abc123', 'auth[application_token]': APP_TOKEN,
        ...overrides,
    });
}
async function setup(overrides = {}) {
    const ami = new FakeAmiClient();
    const lines = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const log = createLogger('debug', [], sink);
    const deps = {
        applicationToken: APP_TOKEN, memberId: null, guard: makeGuard(), originator: makeOriginator(ami, log),
        users: { extensionOfUser: async (id) => (id === '1269' ? '202' : null) },
        router: null, callbackExtension: null,
        rateLimit: { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 100 }, log,
        ...overrides,
    };
    const app = await callControlApp([bitrix24EventsWith(deps)], { log });
    const deliver = (payload) => app.inject({
        method: 'POST', url: BITRIX24_EVENTS_PATH, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { ami, deliver, lines };
}
describe('POST /v1/crm/bitrix24/events', () => {
    it('rings USER_ID\'s extension and dials PHONE_NUMBER carrying Bitrix24\'s CALL_ID (no bearer token needed)', async () => {
        const { ami, deliver } = await setup();
        const res = await deliver(callStart());
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ extension: '202', callId: expect.stringMatching(/^c2c-/) });
        expect(ami.actions).toHaveLength(1);
        expect(ami.actions[0]?.fields).toMatchObject({ Channel: 'Local/202@operators', Exten: '84951112233', Async: 'true' }); // the PBX's (national) format
        expect(variablesOf(ami.actions[0]?.fields ?? {})).toEqual({ __CRM_CALL_ID: CALL_ID, CRM_OPERATOR: '202' });
    });
    it('refuses a wrong application_token with 401 and logs the refusal without any token', async () => {
        const { ami, deliver, lines } = await setup();
        const res = await deliver(callStart({ 'auth[application_token]': 'guessed-token-123' }));
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
        expect(ami.actions).toHaveLength(0);
        const log = lines.join('');
        expect(log).toContain('"reason":"wrong_application_token"');
        expect(log).not.toContain('guessed-token-123');
        expect(log).not.toContain(APP_TOKEN);
    });
    it('refuses a delivery without a token, and every delivery while no token is configured', async () => {
        const { deliver } = await setup();
        expect((await deliver(form({ event: 'ONEXTERNALCALLSTART', 'data[USER_ID]': '1269' }))).statusCode).toBe(401);
        const unconfigured = await setup({ applicationToken: null });
        expect((await unconfigured.deliver(callStart())).statusCode).toBe(401);
    });
    it('checks auth[member_id] when BITRIX24_MEMBER_ID is set', async () => {
        const { deliver } = await setup({ memberId: 'other-portal' });
        expect((await deliver(callStart())).statusCode).toBe(401);
    });
    it('applies the dial guard to numbers the CRM sends', async () => {
        const { ami, deliver } = await setup();
        expect((await deliver(callStart({ 'data[PHONE_NUMBER]': '+442079460000' }))).statusCode).toBe(403);
        expect((await deliver(callStart({ 'data[PHONE_NUMBER]': '8495\r\nAction: Command' }))).statusCode).toBe(400);
        expect((await deliver(callStart({ 'data[USER_ID]': '5' }))).statusCode).toBe(422);
        expect((await deliver(callStart({ 'data[CALL_ID]': 'x\r\nAction: Command' }))).statusCode).toBe(400);
        expect(ami.actions).toHaveLength(0);
    });
    it('limits calls per extension for CRM-started calls too', async () => {
        const { deliver } = await setup({ rateLimit: { windowMs: 60_000, perTokenMax: 100, perExtensionMax: 1 } });
        expect((await deliver(callStart())).statusCode).toBe(200);
        expect((await deliver(callStart())).statusCode).toBe(429);
    });
    it('rings the responsible for ONEXTERNALCALLBACKSTART, marked as a callback', async () => {
        const router = { lookup: async () => ({ extension: '201', userId: '5', name: 'Anna', source: 'cache', callerName: null, open: true, destination: null, rule: null }) };
        const { ami, deliver } = await setup({ router });
        const res = await deliver(form({
            event: 'ONEXTERNALCALLBACKSTART', 'data[PHONE_NUMBER]': '84951112233', 'data[TEXT]': 'call back',
            'data[CRM_ENTITY_TYPE]': 'CONTACT', 'data[CRM_ENTITY_ID]': '797', 'auth[application_token]': APP_TOKEN,
        }));
        expect(res.statusCode).toBe(200);
        expect(ami.actions[0]?.fields['Channel']).toBe('Local/201@operators');
        expect(variablesOf(ami.actions[0]?.fields ?? {})).toEqual({ __CRM_CALLBACK: '1', CRM_OPERATOR: '201' });
    });
    it('falls back to BITRIX24_CALLBACK_EXTENSION, or answers 422 when nobody can take the callback', async () => {
        const payload = form({ event: 'ONEXTERNALCALLBACKSTART', 'data[PHONE_NUMBER]': '84951112233', 'auth[application_token]': APP_TOKEN });
        const withFallback = await setup({ callbackExtension: '202' });
        expect((await withFallback.deliver(payload)).statusCode).toBe(200);
        expect(withFallback.ami.actions[0]?.fields['Channel']).toBe('Local/202@operators');
        const without = await setup();
        expect((await without.deliver(payload)).statusCode).toBe(422);
    });
    it('acknowledges other events without calling anyone', async () => {
        const { ami, deliver } = await setup();
        const res = await deliver(form({ event: 'ONCRMCONTACTADD', 'auth[application_token]': APP_TOKEN }));
        expect(res.json()).toEqual({ ignored: true });
        expect(ami.actions).toHaveLength(0);
    });
});
describe('parseBitrixForm', () => {
    it('nests PHP-style keys', () => {
        const tree = parseBitrixForm('data%5BCALL_ID%5D=x.1&auth%5Bapplication_token%5D=t&a%5B%5D=1&a%5B%5D=2&event=E');
        expect(formValue(tree, 'data', 'CALL_ID')).toBe('x.1');
        expect(formValue(tree, 'auth', 'application_token')).toBe('t');
        expect(formValue(tree, 'a', '1')).toBe('2');
        expect(formValue(tree, 'event')).toBe('E');
        expect(formValue(tree, 'missing', 'x')).toBe('');
    });
    it('ignores prototype keys and overly deep keys', () => {
        const tree = parseBitrixForm('__proto__%5Bpolluted%5D=1&data%5Bconstructor%5D%5Bprototype%5D=1&a[b][c][d][e][f]=1');
        expect({}['polluted']).toBeUndefined();
        expect(formValue(tree, 'data', 'constructor')).toBe('');
        expect(Object.keys(tree)).toEqual([]);
    });
});
