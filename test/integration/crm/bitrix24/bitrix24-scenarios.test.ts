import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadBitrix24Config } from '../../../../src/config/bitrix24-env.js';
import type { CallFinish, CallStart } from '../../../../src/crm/adapter.js';
import { createBitrix24Adapter, type Bitrix24Adapter } from '../../../../src/crm/bitrix24/bitrix24-adapter.js';
import { silentLogger } from '../../../../src/log.js';
import { parsePhpQuery } from '../../../support/bitrix24-emulator-form.js';
import { bitrix24TestConfig } from '../../../support/bitrix24-harness.js';
import { testRedis, uniquePrefix } from '../../../support/test-redis.js';

// Each scenario drives the adapter with the CrmAdapter calls sync/ makes for the shared transcript of the same name,
// and asserts the exact Bitrix24 commands (in order) and their key parameters.
const PORTAL = 'https://b24-test.bitrix24.ru';
const HOOK = `${PORTAL}/rest/1/hooksecret0123/`;
const KNOWN = '+74951112233';
const CALL_ID = 'externalCall.716f1cb73def9700a23842adf9c4c568.1795413864';
type P = Record<string, unknown>;

interface Sent { readonly method: string; readonly params: P }
let sent: Sent[] = [];

function answer(method: string, p: P): unknown {
  switch (method) {
    case 'user.get': return [{ ID: '5', ACTIVE: true, UF_PHONE_INNER: '201', NAME: 'Anna' }, { ID: '6', ACTIVE: true, UF_PHONE_INNER: '202', NAME: 'Boris' }];
    case 'telephony.externalCall.searchCrmEntities':
      return p['PHONE_NUMBER'] === KNOWN ? [{ CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 797, ASSIGNED_BY_ID: 6, NAME: 'Ivan Petrov', ASSIGNED_BY: { ID: '6', USER_PHONE_INNER: '202' } }] : [];
    case 'crm.deal.list': return [];
    case 'crm.contact.add': return 46;
    case 'crm.lead.add': return 3465;
    case 'telephony.externalcall.register': return { CALL_ID, CRM_CREATED_LEAD: null, CRM_CREATED_ENTITIES: [], CRM_ENTITY_TYPE: '', CRM_ENTITY_ID: null };
    case 'telephony.externalcall.finish': return { CALL_ID, CRM_ACTIVITY_ID: 7943 };
    case 'crm.activity.todo.add': return { id: 999 };
    default: return true;
  }
}

function reply(path: string, body: P): [number, unknown] {
  const method = path.slice(new URL(HOOK).pathname.length);
  if (method !== 'batch') { sent.push({ method, params: body }); return [200, { result: answer(method, body) }]; }
  const result: P = {};
  for (const [key, cmd] of Object.entries(body['cmd'] as Record<string, string>)) {
    const [m = '', q = ''] = cmd.split('?');
    const params = parsePhpQuery(q);
    sent.push({ method: m, params });
    result[key] = answer(m, params);
  }
  return [200, { result: { result, result_error: [], result_total: [], result_next: [], result_time: [] } }];
}

const T0 = Date.parse('2026-11-23T06:04:24Z');
function start(o: Partial<CallStart>): CallStart {
  return { callId: '1795413864.0', direction: 'inbound', phone: '+74951234567', line: '4951230000', startedAtMs: T0, extension: '201', entity: null, crmCallId: null, isCallback: false, ...o };
}
function end(o: Partial<CallFinish>): CallFinish {
  return { extension: '201', talkDurationSec: 3, disposition: 'answered', hangupCause: 16, endedAtMs: T0 + 5000, direction: 'inbound', phone: '+74951234567', line: '4951230000', startedAtMs: T0, answeredAtMs: T0 + 2000, recordingFile: null, ...o };
}

const methods = () => sent.map((s) => s.method);
const params = (method: string, n = 0) => sent.filter((s) => s.method === method)[n]?.params;

describe('bitrix24 REST requests per transcript scenario (nock)', () => {
  let adapter: Bitrix24Adapter;
  beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
  afterAll(() => { nock.cleanAll(); nock.enableNetConnect(); });
  beforeEach(() => {
    sent = [];
    nock(PORTAL).persist().post(/\/rest\/1\/hooksecret0123\/.+/)
      .reply(async (req: Request) => reply(new URL(req.url).pathname, (await req.json()) as P));
    const env = { BITRIX24_WEBHOOK_URL: HOOK, BITRIX24_BATCH_WINDOW_MS: '5' };
    adapter = createBitrix24Adapter(bitrix24TestConfig(uniquePrefix(), env), loadBitrix24Config(env), { redis: testRedis(), log: silentLogger() });
    return async () => { await adapter.close(); nock.cleanAll(); };
  });

  it('inbound-answered: new number → contact, register to 201, card, finish 200 with 3 s', async () => {
    expect(await adapter.findByPhone('+74951234567')).toBeNull();
    const contact = await adapter.createEntity({ kind: 'contact', phone: '+74951234567', title: 'No name', responsibleExtension: null, contact: null, source: 'inbound' });
    const ref = await adapter.registerCall(start({ entity: contact }));
    await adapter.showCard(ref, ['201']);
    await adapter.finishCall(ref, end({}));
    expect(methods()).toEqual(['telephony.externalCall.searchCrmEntities', 'crm.contact.add', 'user.get',
      'telephony.externalcall.register', 'telephony.externalcall.show', 'telephony.externalcall.finish']);
    expect(params('crm.contact.add')).toMatchObject({ fields: { NAME: 'No name', PHONE: [{ VALUE: '+74951234567', VALUE_TYPE: 'WORK' }], SOURCE_ID: 'CALL' }, params: { REGISTER_SONET_EVENT: 'N' } });
    expect(params('telephony.externalcall.register')).toEqual({
      USER_ID: '5', PHONE_NUMBER: '+74951234567', TYPE: 2, CALL_START_DATE: '2026-11-23T06:04:24+00:00', LINE_NUMBER: '4951230000',
      EXTERNAL_CALL_ID: '1795413864.0', SHOW: 0, CRM_CREATE: 0, CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '46',
    });
    expect(params('telephony.externalcall.show')).toEqual({ CALL_ID, USER_ID: ['5'] });
    expect(params('telephony.externalcall.finish')).toEqual({ CALL_ID, USER_ID: '5', DURATION: 3, STATUS_CODE: '200', ADD_TO_CHAT: 0 });
  });

  it('inbound-missed: known contact, 201 rings, caller gives up → hide, finish 304 for the responsible, call-back to-do', async () => {
    const match = await adapter.findByPhone(KNOWN);
    expect(match).toMatchObject({ entity: { kind: 'contact', id: '797' }, responsibleExtension: '202', openWork: [] });
    const ref = await adapter.registerCall(start({ phone: KNOWN, entity: match?.entity ?? null }));
    await adapter.showCard(ref, ['201']);
    await adapter.hideCard(ref, ['201']);
    await adapter.finishCall(ref, end({ extension: '202', talkDurationSec: 0, disposition: 'missed', hangupCause: 19, answeredAtMs: null, phone: KNOWN }));
    await adapter.createTask(ref, { callId: ref.callId, phone: KNOWN, responsibleExtension: '202', entity: ref.entity, dueAtMs: T0 + 3_600_000, title: 'Call back' });
    expect(methods()).toEqual(['telephony.externalCall.searchCrmEntities', 'crm.deal.list', 'user.get', 'telephony.externalcall.register',
      'telephony.externalcall.show', 'telephony.externalcall.hide', 'telephony.externalcall.finish', 'crm.activity.todo.add']);
    expect(params('crm.deal.list')).toMatchObject({ filter: { CONTACT_ID: '797', CLOSED: 'N' } });
    expect(params('telephony.externalcall.register')).toMatchObject({ USER_ID: '5', TYPE: 2, CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '797', SHOW: 0 });
    expect(params('telephony.externalcall.hide')).toEqual({ CALL_ID, USER_ID: ['5'] });
    expect(params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', DURATION: 0, STATUS_CODE: '304', FAILED_REASON: 'missed (cause 19)' });
    expect(params('crm.activity.todo.add')).toMatchObject({ ownerTypeId: 3, ownerId: '797', deadline: '2026-11-23T07:04:24+00:00', responsibleId: '6', title: 'Call back' });
  });

  it('inbound-queue: ring-all 201+202, 202 answers → one register, one show to both, hide 201, lead reassigned, finish by 202', async () => {
    await adapter.findByPhone('+74951234567');
    const lead = await adapter.createEntity({ kind: 'lead', phone: '+74951234567', title: '+74951234567 - incoming call', responsibleExtension: null, contact: null, source: 'inbound' });
    const ref = await adapter.registerCall(start({ line: '4951230002', entity: lead }));
    await adapter.showCard(ref, ['201', '202']);
    await adapter.hideCard(ref, ['201']);
    await adapter.setResponsible(ref, '202');
    await adapter.finishCall(ref, end({ extension: '202', talkDurationSec: 7, line: '4951230002' }));
    expect(methods()).toEqual(['telephony.externalCall.searchCrmEntities', 'crm.lead.add', 'user.get', 'telephony.externalcall.register',
      'telephony.externalcall.show', 'telephony.externalcall.hide', 'crm.lead.update', 'telephony.externalcall.finish']);
    expect(params('crm.lead.add')).toMatchObject({ fields: { TITLE: '+74951234567 - incoming call', STATUS_ID: 'NEW', OPENED: 'Y' } });
    expect(params('telephony.externalcall.register')).toMatchObject({ LINE_NUMBER: '4951230002', CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: '3465' });
    expect(params('telephony.externalcall.show')).toEqual({ CALL_ID, USER_ID: ['5', '6'] });
    expect(params('crm.lead.update')).toEqual({ id: '3465', fields: { ASSIGNED_BY_ID: '6' }, params: { REGISTER_SONET_EVENT: 'N' } });
    expect(params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', DURATION: 7, STATUS_CODE: '200' });
  });

  it('outbound: 201 calls a known client → TYPE 1, card to 201, finish 200', async () => {
    const match = await adapter.findByPhone(KNOWN);
    const ref = await adapter.registerCall(start({ direction: 'outbound', phone: KNOWN, line: null, entity: match?.entity ?? null }));
    await adapter.showCard(ref, ['201']);
    await adapter.finishCall(ref, end({ direction: 'outbound', phone: KNOWN, line: null, talkDurationSec: 4 }));
    expect(methods()).toEqual(['telephony.externalCall.searchCrmEntities', 'crm.deal.list', 'user.get', 'telephony.externalcall.register',
      'telephony.externalcall.show', 'telephony.externalcall.finish']);
    expect(params('telephony.externalcall.register')).toMatchObject({ TYPE: 1, USER_ID: '5', PHONE_NUMBER: KNOWN });
    expect(params('telephony.externalcall.register')).not.toHaveProperty('LINE_NUMBER');
    expect(params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '5', DURATION: 4, STATUS_CODE: '200' });
  });

  it('blind-transfer: 201 answers, transfers to 202 → card to 202, hide 201, contact reassigned, finish by 202', async () => {
    const match = await adapter.findByPhone(KNOWN);
    const ref = await adapter.registerCall(start({ phone: KNOWN, entity: match?.entity ?? null }));
    await adapter.showCard(ref, ['201']);
    await adapter.showCard(ref, ['202']);
    await adapter.hideCard(ref, ['201']);
    await adapter.setResponsible(ref, '202');
    await adapter.finishCall(ref, end({ extension: '202', phone: KNOWN, talkDurationSec: 11 }));
    expect(methods().slice(3)).toEqual(['telephony.externalcall.register', 'telephony.externalcall.show', 'telephony.externalcall.show',
      'telephony.externalcall.hide', 'crm.contact.update', 'telephony.externalcall.finish']);
    expect(params('telephony.externalcall.show', 1)).toEqual({ CALL_ID, USER_ID: ['6'] });
    expect(params('crm.contact.update')).toMatchObject({ id: '797', fields: { ASSIGNED_BY_ID: '6' } });
    expect(params('telephony.externalcall.finish')).toMatchObject({ USER_ID: '6', DURATION: 11, STATUS_CODE: '200' });
  });

  it('click-to-call (originate): the CALL_ID from OnExternalCallStart is used and nothing is registered', async () => {
    const match = await adapter.findByPhone(KNOWN);
    const ref = await adapter.registerCall(start({ direction: 'outbound', phone: KNOWN, entity: match?.entity ?? null, crmCallId: 'externalCall.8935aa.1773236989' }));
    await adapter.showCard(ref, ['201']);
    await adapter.finishCall(ref, end({ direction: 'outbound', phone: KNOWN, talkDurationSec: 4 }));
    expect(methods()).toEqual(['telephony.externalCall.searchCrmEntities', 'crm.deal.list', 'user.get',
      'telephony.externalcall.show', 'telephony.externalcall.finish']);
    expect(params('telephony.externalcall.show')).toEqual({ CALL_ID: 'externalCall.8935aa.1773236989', USER_ID: ['5'] });
    expect(params('telephony.externalcall.finish')).toMatchObject({ CALL_ID: 'externalCall.8935aa.1773236989', USER_ID: '5', STATUS_CODE: '200' });
  });
});
