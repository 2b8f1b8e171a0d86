import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { bitrix24Crm } from '../../../../src/crm/bitrix24/bitrix24-crm.js';
import { RetryableError } from '../../../../src/errors.js';
import { createBitrix24Adapter } from '../../../../src/crm/bitrix24/bitrix24-adapter.js';
import { CallJournal } from '../../../../src/journal/call-journal.js';
import { silentLogger } from '../../../../src/log.js';
import { CallSync } from '../../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../../src/sync/sync-state-store.js';
import { parsePhpQuery } from '../../../../harness/crm/bitrix24-emulator-form.js';
import { bitrix24TestConfig } from '../../../support/bitrix24-harness.js';
import { inboundAnsweredEvents } from '../../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../../support/test-redis.js';
// A new number's contact is created in the same batch as the call's registration (createOnRegister), bound through
// `$result[...]`: 3 REST requests per answered call. nock plays the portal, with contacts it remembers.
const HOOK_PATH = '/rest/1/hooksecret0123/';
let portals = 0;
const USERS = [{ ID: '5', ACTIVE: true, UF_PHONE_INNER: '201', NAME: 'Anna' }];
function deref(v, results) {
    if (v && typeof v === 'object' && !Array.isArray(v))
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deref(x, results)]));
    const m = typeof v === 'string' ? /^\$result\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(v) : null;
    if (!m)
        return v;
    const hit = results[m[1] ?? ''];
    return (m[2] === undefined ? hit : hit?.[m[2]]) ?? results;
}
function answer(portal, method, p) {
    switch (method) {
        case 'user.get': return USERS;
        case 'telephony.externalCall.searchCrmEntities':
            return [...portal.contacts].filter(([, phone]) => phone === p['PHONE_NUMBER'])
                .map(([id]) => ({ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: Number(id), ASSIGNED_BY_ID: 5, NAME: 'No name', ASSIGNED_BY: { ID: '5' } }));
        case 'crm.contact.add': {
            const id = String(100 + portal.contacts.size);
            portal.contacts.set(id, String(p['fields'].PHONE?.[0]?.VALUE));
            return Number(id);
        }
        case 'telephony.externalcall.register':
            if (portal.failRegister > 0) {
                portal.failRegister -= 1;
                throw new Error('INTERNAL_SERVER_ERROR');
            }
            return { CALL_ID: `externalCall.${String(p['EXTERNAL_CALL_ID'])}`, CRM_ENTITY_TYPE: p['CRM_ENTITY_TYPE'] ?? '', CRM_ENTITY_ID: p['CRM_ENTITY_ID'] ?? null };
        case 'telephony.externalcall.finish': return { CALL_ID: p['CALL_ID'] };
        default: return true;
    }
}
/** A portal of its own per test (persisted nock interceptors would otherwise answer for each other). */
function startPortal(host) {
    const portal = { requests: [], contacts: new Map(), failRegister: 0 };
    const reply = (method, body) => {
        if (method !== 'batch') {
            portal.requests.push([{ method, raw: body, params: body }]);
            return [200, { result: answer(portal, method, body) }];
        }
        const result = {};
        const errors = {};
        const sent = [];
        for (const [key, cmd] of Object.entries(body['cmd'])) {
            const [m = '', q = ''] = cmd.split('?');
            const raw = parsePhpQuery(q);
            const params = deref(raw, result);
            sent.push({ method: m, raw, params });
            try {
                result[key] = answer(portal, m, params);
            }
            catch {
                errors[key] = { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' };
            }
        }
        portal.requests.push(sent);
        return [200, { result: { result, result_error: Object.keys(errors).length ? errors : [], result_total: [], result_next: [], result_time: [] } }];
    };
    nock(host).persist().post(/\/rest\/1\/hooksecret0123\/.+/)
        .reply(async (req) => reply(new URL(req.url).pathname.slice(HOOK_PATH.length), (await req.json())));
    return portal;
}
function setup() {
    portals += 1;
    const host = `https://b24-cor${portals}.bitrix24.ru`;
    const portal = startPortal(host);
    const env = { BITRIX24_WEBHOOK_URL: `${host}${HOOK_PATH}` };
    const prefix = uniquePrefix();
    const config = bitrix24TestConfig(prefix, env);
    const redis = testRedis();
    const adapter = createBitrix24Adapter(bitrix24Crm.settingsFrom(env), { redis, prefix: config.redis.prefix, users: config.users, log: silentLogger() });
    onTestFinished(() => adapter.close());
    const store = new SyncStateStore(redis, prefix);
    const sync = new CallSync(adapter, config.sync, store, new CallJournal(redis, prefix), silentLogger());
    const shape = () => portal.requests.filter((r) => r[0]?.method !== 'user.get').map((r) => r.map((s) => s.method.replace(/^telephony\.externalcall\./i, '')).sort());
    return { portal, sync, store, shape };
}
describe('bitrix24 createOnRegister: a new number costs 3 requests (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
    afterAll(() => { nock.cleanAll(); nock.enableNetConnect(); });
    it('new-number inbound answered call: search, [contact.add + register] in one batch, finish', async () => {
        const { portal, sync, store, shape } = setup();
        const events = inboundAnsweredEvents({ phone: '+74950000101' });
        for (const ev of events)
            await sync.apply(ev);
        expect(shape()).toEqual([['searchCrmEntities'], ['crm.contact.add', 'register'], ['finish']]);
        const batch = portal.requests.find((r) => r.length === 2) ?? [];
        expect(batch.map((s) => s.method)).toEqual(['crm.contact.add', 'telephony.externalcall.register']);
        expect(batch[1]?.raw).toMatchObject({ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '$result[c0_0]', USER_ID: '5', TYPE: '2' });
        expect(batch[1]?.params).toMatchObject({ CRM_ENTITY_ID: 100 });
        const callId = events[0]?.call.id ?? '';
        expect(await store.getCreated(callId, 'contact')).toEqual({ kind: 'contact', id: '100' });
        expect(await store.getRef(callId)).toMatchObject({ entity: { kind: 'contact', id: '100' } });
        expect(portal.contacts.size).toBe(1);
    });
    it('a retry after a partly failed batch (contact created, register failed) creates no second contact', async () => {
        const { portal, sync, store } = setup();
        portal.failRegister = 1;
        const [ringing, ...rest] = inboundAnsweredEvents({ phone: '+74950000102' });
        if (!ringing)
            throw new Error('no ringing event');
        await expect(sync.apply(ringing)).rejects.toBeInstanceOf(RetryableError);
        expect(portal.contacts.size).toBe(1);
        await sync.apply(ringing); // the job's retry
        for (const ev of rest)
            await sync.apply(ev);
        expect(portal.contacts.size).toBe(1);
        const registers = portal.requests.flat().filter((s) => s.method === 'telephony.externalcall.register');
        expect(registers).toHaveLength(2);
        expect(registers[1]?.params).toMatchObject({ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '100' });
        expect(await store.getRef(ringing.call.id)).toMatchObject({ entity: { kind: 'contact', id: '100' } });
    });
    it('the adapter alone: a retried registerCall with the same create list reuses the contact it created', async () => {
        const { portal, sync } = setup();
        portal.failRegister = 1;
        const [ringing] = inboundAnsweredEvents({ phone: '+74950000104' });
        if (!ringing)
            throw new Error('no ringing event');
        await expect(sync.apply(ringing)).rejects.toThrow();
        portal.contacts.clear(); // the search no longer finds it (index lag)
        await sync.apply(ringing);
        const adds = portal.requests.flat().filter((s) => s.method === 'crm.contact.add');
        expect(adds).toHaveLength(1);
        const registers = portal.requests.flat().filter((s) => s.method === 'telephony.externalcall.register');
        expect(registers[1]?.params).toMatchObject({ CRM_ENTITY_ID: '100' });
    });
    it('two simultaneous calls from one new number create one contact', async () => {
        const { portal, sync } = setup();
        const a = inboundAnsweredEvents({ phone: '+74950000103' });
        const b = inboundAnsweredEvents({ phone: '+74950000103' });
        await Promise.all([a, b].map(async (events) => { for (const ev of events)
            await sync.apply(ev); }));
        expect(portal.contacts.size).toBe(1);
        const registers = portal.requests.flat().filter((s) => s.method === 'telephony.externalcall.register');
        expect(registers).toHaveLength(2);
        expect(registers.map((s) => String(s.params['CRM_ENTITY_ID']))).toEqual(['100', '100']);
    });
});
