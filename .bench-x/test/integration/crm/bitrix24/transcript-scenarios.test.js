import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CallTracker } from '../../../../src/calls/call-tracker.js';
import { bitrix24Crm } from '../../../../src/crm/bitrix24/bitrix24-crm.js';
import { createBitrix24Adapter } from '../../../../src/crm/bitrix24/bitrix24-adapter.js';
import { CallJournal } from '../../../../src/journal/call-journal.js';
import { silentLogger } from '../../../../src/log.js';
import { CallSync } from '../../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../../src/sync/sync-state-store.js';
import { parsePhpQuery } from '../../../../harness/crm/bitrix24-emulator-form.js';
import { bitrix24TestConfig } from '../../../support/bitrix24-harness.js';
import { readTranscript } from '../../../support/read-transcript.js';
import { testRedis, uniquePrefix } from '../../../support/test-redis.js';
// Each shared transcript goes the daemon's real way: AMI events → CallTracker → CallSync → Bitrix24 adapter → HTTP,
// and nock answers as Bitrix24 does. The assertions are the exact REST requests (commands per HTTP request, in order)
// and their key parameters.
const PORTAL = 'https://b24-test.bitrix24.ru';
const HOOK = `${PORTAL}/rest/1/hooksecret0123/`;
const CALLER = '+74951234567';
const CLIENT = '+74951112233';
const CALL_ID = 'externalCall.716f1cb73def9700a23842adf9c4c568.1795413864';
const USERS = [{ ID: '5', ACTIVE: true, UF_PHONE_INNER: '201', NAME: 'Anna' }, { ID: '6', ACTIVE: true, UF_PHONE_INNER: '202', NAME: 'Boris' }];
function answer(method, p, known) {
    switch (method) {
        case 'user.get': return USERS;
        case 'telephony.externalCall.searchCrmEntities':
            return known && p['PHONE_NUMBER'] === known.phone
                ? [{ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 797, ASSIGNED_BY_ID: Number(known.ownerId), NAME: 'Ivan Petrov', ASSIGNED_BY: { ID: known.ownerId } }] : [];
        case 'crm.contact.add': return 46;
        case 'telephony.externalcall.register': return { CALL_ID, CRM_CREATED_LEAD: null, CRM_CREATED_ENTITIES: [], CRM_ENTITY_TYPE: p['CRM_ENTITY_TYPE'] ?? '', CRM_ENTITY_ID: p['CRM_ENTITY_ID'] ?? null };
        case 'telephony.externalcall.finish': return { CALL_ID: p['CALL_ID'], CRM_ACTIVITY_ID: 7943 };
        case 'crm.activity.todo.add': return { id: 999 };
        default: return true;
    }
}
/** `$result[key]` and `$result[key][FIELD]`, at any depth, as Bitrix24's batch substitutes them (docs/bitrix24-telephony.md §5). */
function substitute(params, results) {
    return Object.fromEntries(Object.entries(params).map(([k, v]) => {
        if (v && typeof v === 'object' && !Array.isArray(v))
            return [k, substitute(v, results)];
        const m = typeof v === 'string' ? /^\$result\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(v) : null;
        if (!m)
            return [k, v];
        const hit = results[m[1] ?? ''];
        return [k, m[2] === undefined ? hit ?? results : hit?.[m[2]] ?? results];
    }));
}
function startPortal(known) {
    const requests = [];
    const reply = (path, body) => {
        const method = path.slice(new URL(HOOK).pathname.length);
        if (method !== 'batch') {
            requests.push([{ method, params: body }]);
            return [200, { result: answer(method, body, known), total: 2 }];
        }
        const results = {};
        const sent = [];
        for (const [key, cmd] of Object.entries(body['cmd'])) {
            const [m = '', q = ''] = cmd.split('?');
            const raw = parsePhpQuery(q);
            const params = substitute(raw, results);
            sent.push({ method: m, params, raw });
            results[key] = answer(m, params, known);
        }
        requests.push(sent);
        return [200, { result: { result: results, result_error: [], result_total: [], result_next: [], result_time: [] } }];
    };
    nock(PORTAL).persist().post(/\/rest\/1\/hooksecret0123\/.+/).reply(async (req) => reply(new URL(req.url).pathname, (await req.json())));
    const all = () => requests.flat();
    return {
        requests, all,
        params: (method, n = 0) => all().filter((s) => s.method === method)[n]?.params,
        raw: (method) => all().find((s) => s.method === method)?.raw,
        shape: () => requests.map((r) => r.map((s) => s.method.replace(/^telephony\.externalcall\./i, '')).sort()),
    };
}
/** Replays one shared transcript through CallTracker → CallSync → the Bitrix24 adapter. */
async function replay(transcript, opts = {}) {
    const portal = startPortal(opts.known ?? null);
    const env = { BITRIX24_WEBHOOK_URL: HOOK, ...opts.env };
    const prefix = uniquePrefix();
    const config = bitrix24TestConfig(prefix, env);
    const redis = testRedis();
    const adapter = createBitrix24Adapter(bitrix24Crm.settingsFrom(env), { redis, prefix: config.redis.prefix, users: config.users, log: silentLogger() });
    onTestFinished(() => adapter.close());
    const sync = new CallSync(adapter, config.sync, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger());
    const tracker = new CallTracker({ defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'] });
    for (const ami of await readTranscript(transcript)) {
        for (const ev of tracker.apply(ami))
            await sync.apply(ev);
    }
    return portal;
}
describe('bitrix24 REST requests per shared transcript (AMI → CallTracker → CallSync → adapter, nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
    afterAll(() => { nock.cleanAll(); nock.enableNetConnect(); });
    it('inbound-answered: new number → contact for 201 and register bound to it in one batch (SHOW=1), finish 200 after 3 s', async () => {
        const b24 = await replay('inbound-answered.ami');
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['crm.contact.add', 'register'], ['finish']]);
        expect(b24.raw('telephony.externalcall.register')).toMatchObject({ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '$result[c0_0]' });
        expect(b24.params('crm.contact.add')).toMatchObject({ fields: { NAME: 'No name', PHONE: [{ VALUE: CALLER, VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: '5' } });
        expect(b24.params('telephony.externalcall.register')).toEqual({
            USER_ID: '5', PHONE_NUMBER: CALLER, TYPE: '2', CALL_START_DATE: '2026-11-23T06:02:15+00:00', LINE_NUMBER: '4951230000',
            EXTERNAL_CALL_ID: '1795413735.0', SHOW: '1', CRM_CREATE: '0', CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 46,
        });
        expect(b24.params('telephony.externalcall.finish')).toEqual({ CALL_ID, USER_ID: '5', DURATION: 3, STATUS_CODE: '200', ADD_TO_CHAT: 0 });
    });
    it('inbound-missed: known client of 202, 201 rings, caller gives up → the client\'s responsible 202 owns it (no update), hide 201, finish 304 and call-back to-do for 202, in one request', async () => {
        const b24 = await replay('inbound-missed.ami', { known: { phone: CALLER, ownerId: '6' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['crm.activity.todo.add', 'finish', 'hide']]);
        expect(b24.params('telephony.externalcall.register')).toMatchObject({ USER_ID: '5', TYPE: 2, SHOW: 1, CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '797' });
        expect(b24.params('telephony.externalcall.finish')).toEqual({ CALL_ID, USER_ID: '6', DURATION: '0', STATUS_CODE: '304', ADD_TO_CHAT: '0', FAILED_REASON: 'missed (cause 19)' });
        expect(b24.params('crm.activity.todo.add')).toMatchObject({ ownerTypeId: '3', ownerId: '797', responsibleId: '6', title: `Call back ${CALLER}`, deadline: '2026-11-23T07:02:34+00:00' });
    });
    it('inbound-missed with MISSED_CALLS_RESPONSIBLE=202: the owner already is 202, so no update; hide 201, finish and to-do for 202', async () => {
        const b24 = await replay('inbound-missed.ami', { known: { phone: CALLER, ownerId: '6' }, env: { MISSED_CALLS_RESPONSIBLE: '202' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['crm.activity.todo.add', 'finish', 'hide']]);
        expect(b24.all().map((s) => s.method).slice(-3).indexOf('telephony.externalcall.hide')).toBeLessThan(b24.all().map((s) => s.method).slice(-3).indexOf('telephony.externalcall.finish'));
        expect(b24.params('telephony.externalcall.hide')).toEqual({ CALL_ID, USER_ID: ['5'] });
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', STATUS_CODE: '304' });
        expect(b24.params('crm.activity.todo.add')).toMatchObject({ responsibleId: '6', ownerId: '797' });
    });
    it('inbound-queue: 202 rings first (call registered to 202), then 201; 202 answers → hide 201 and owner corrected to 202 together', async () => {
        const b24 = await replay('inbound-queue.ami', { known: { phone: CALLER, ownerId: '5' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['show'], ['crm.contact.update', 'hide'], ['finish']]);
        expect(b24.params('telephony.externalcall.register')).toMatchObject({ USER_ID: '6', SHOW: 1, LINE_NUMBER: '4951230002', CRM_ENTITY_ID: '797' });
        expect(b24.params('telephony.externalcall.show')).toEqual({ CALL_ID, USER_ID: ['5'] });
        expect(b24.params('telephony.externalcall.hide')).toEqual({ CALL_ID, USER_ID: ['5'] });
        expect(b24.params('crm.contact.update')).toMatchObject({ id: '797', fields: { ASSIGNED_BY_ID: '6' } });
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', DURATION: 6, STATUS_CODE: '200' });
    });
    it('inbound-queue, new number: the contact is created for the first one rung (202), who answers, so nothing is reassigned', async () => {
        const b24 = await replay('inbound-queue.ami');
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['crm.contact.add', 'register'], ['show'], ['hide'], ['finish']]);
        expect(b24.params('crm.contact.add')).toMatchObject({ fields: { ASSIGNED_BY_ID: '6' } });
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', STATUS_CODE: '200' });
    });
    it('outbound: 201 calls its own client → TYPE 1 without a line, card to 201 with the registration, finish 200', async () => {
        const b24 = await replay('outbound.ami', { known: { phone: CLIENT, ownerId: '5' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['finish']]);
        expect(b24.params('telephony.externalcall.register')).toMatchObject({ TYPE: 1, USER_ID: '5', PHONE_NUMBER: CLIENT, SHOW: 1, CRM_ENTITY_ID: '797' });
        expect(b24.params('telephony.externalcall.register')).not.toHaveProperty('LINE_NUMBER');
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '5', DURATION: 4, STATUS_CODE: '200' });
    });
    it('blind-transfer: 201 answers and transfers to 202 → card to 202 as it rings and 201\'s card hidden, together; 202 answers; owner 202 with the finish by 202', async () => {
        const b24 = await replay('blind-transfer.ami', { known: { phone: CALLER, ownerId: '5' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['hide', 'show'], ['crm.contact.update', 'finish']]);
        expect(b24.params('telephony.externalcall.register')).toMatchObject({ USER_ID: '5', SHOW: 1 });
        expect(b24.params('telephony.externalcall.show')).toEqual({ CALL_ID, USER_ID: ['6'] });
        expect(b24.params('telephony.externalcall.hide')).toEqual({ CALL_ID, USER_ID: ['5'] });
        expect(b24.params('crm.contact.update')).toMatchObject({ id: '797', fields: { ASSIGNED_BY_ID: '6' } });
        const finish = b24.params('telephony.externalcall.finish');
        expect(finish).toMatchObject({ USER_ID: '6', STATUS_CODE: '200' });
        expect(String(finish?.['DURATION'])).toBe('11'); // text inside a batch, a number in a direct call
    });
    it('attended-transfer: 201 consults 202; as 202 answers the consult: card to 202, 201\'s hidden and 202 owner, together; finish by 202', async () => {
        const b24 = await replay('attended-transfer.ami', { known: { phone: CALLER, ownerId: '5' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['register'], ['crm.contact.update', 'hide', 'show'], ['finish']]);
        expect(b24.params('crm.contact.update')).toMatchObject({ id: '797', fields: { ASSIGNED_BY_ID: '6' } });
        expect(b24.params('telephony.externalcall.show')).toEqual({ CALL_ID, USER_ID: ['6'] });
        expect(b24.params('telephony.externalcall.hide')).toEqual({ CALL_ID, USER_ID: ['5'] });
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', DURATION: 16, STATUS_CODE: '200' });
    });
    it('click-to-call with a CRM CALL_ID: no register, the card to 201 and finish on that CALL_ID', async () => {
        const b24 = await replay('click-to-call.ami', { known: { phone: CLIENT, ownerId: '5' } });
        nock.cleanAll();
        expect(b24.shape()).toEqual([['searchCrmEntities'], ['user.get'], ['show'], ['finish']]);
        expect(b24.all().map((s) => s.method)).not.toContain('telephony.externalcall.register');
        expect(b24.params('telephony.externalcall.show')).toEqual({ CALL_ID: 'crm-7f3a9c', USER_ID: ['5'] });
        expect(b24.params('telephony.externalcall.finish')).toMatchObject({ CALL_ID: 'crm-7f3a9c', USER_ID: '5', DURATION: 4, STATUS_CODE: '200' });
    });
});
