import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OO_USERS, nockPortal, onlyofficeTestAdapter, onlyofficeTestConfig } from '../../../support/onlyoffice-harness.js';
const PORTAL = 'https://office.example.com';
const TOKEN = 'oo-token-abcdef123456';
const T0 = Date.parse('2026-03-07T07:20:30.000Z');
const CATEGORIES = {
    history: [{ ID: 1, Title: 'Note' }, { ID: 3, Title: 'Call' }],
    task: [{ ID: 11, Title: 'Call' }, { ID: 12, Title: 'Deal' }],
};
function start(o = {}) {
    return {
        callId: '1773130770.42', direction: 'inbound', phone: '+79991234567', line: '74950000000', startedAtMs: T0,
        extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: ['201'], ...o,
    };
}
function end(o = {}) {
    return {
        extension: '201', talkDurationSec: 95, disposition: 'answered', hangupCause: 16, endedAtMs: T0 + 100_000, direction: 'inbound',
        phone: '+79991234567', line: '74950000000', startedAtMs: T0, answeredAtMs: T0 + 5000, recordingFile: o.recordingFiles?.[0] ?? null, recordingFiles: [], ...o,
    };
}
/** Canned portal: categories, a person 501 on create, the voip call echo; `contacts` answers bycontactinfo. */
function portal(contacts, extra = () => undefined) {
    return nockPortal(PORTAL, (r) => {
        const special = extra(r);
        if (special !== undefined)
            return special;
        if (r.path.startsWith('crm/contact/bycontactinfo'))
            return contacts;
        if (r.path === 'crm/history/category')
            return CATEGORIES.history;
        if (r.path === 'crm/task/category')
            return CATEGORIES.task;
        if (r.path === 'crm/contact/person')
            return { ID: 501, DisplayName: 'No name', IsCompany: false };
        if (r.path.startsWith('crm/voip/call/'))
            return { Id: r.path.slice('crm/voip/call/'.length), Status: 0 };
        return { ID: 900 };
    });
}
const lines = (seen) => seen.map((r) => `${r.method} ${r.path}`);
const bodyOf = (seen, method, path, n = 0) => seen.filter((r) => r.method === method && r.path === path)[n]?.body;
describe('ONLYOFFICE requests per call scenario (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
    afterAll(() => { nock.enableNetConnect(); });
    it('answered inbound call from a new number: person + phone, journal, "Call" history event, answered journal', async () => {
        const seen = portal([]);
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        expect(await a.findByPhone('+79991234567')).toBeNull();
        const contact = await a.createEntity({ kind: 'contact', phone: '+79991234567', title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        const ref = await a.registerCall(start({ entity: contact }));
        expect([a.responsible, a.card]).toEqual([undefined, undefined]); // no owner to set, no card to show
        await a.finishCall(ref, end({ recordingFile: 'https://pbx.example.com/rec/1773130770.42.mp3', recordingFiles: ['https://pbx.example.com/rec/1773130770.42.mp3'] }));
        await a.recordings.attach(ref, ['https://pbx.example.com/rec/1773130770.42.mp3']);
        expect(ref).toEqual({ callId: '1773130770.42', crmCallId: '1773130770_42', entity: { kind: 'contact', id: '501' } });
        expect(lines(seen)).toEqual([
            'GET crm/contact/bycontactinfo?infoType=0&data=9991234567', 'POST crm/contact/person', 'POST crm/contact/501/data',
            'POST crm/voip/call/1773130770_42', 'GET crm/history/category', 'POST crm/history', 'POST crm/voip/call/1773130770_42',
        ]);
        expect(seen.every((r) => r.auth === TOKEN)).toBe(true);
        expect(bodyOf(seen, 'POST', 'crm/contact/person')).toEqual({ firstName: 'No name' });
        expect(bodyOf(seen, 'POST', 'crm/contact/501/data')).toEqual({ infoType: 0, data: '+79991234567', isPrimary: true, category: 'Work' });
        expect(bodyOf(seen, 'POST', 'crm/voip/call/1773130770_42', 0)).toEqual({ from: '+79991234567', to: '74950000000', status: 0, contactId: '501' });
        expect(bodyOf(seen, 'POST', 'crm/history')).toEqual({
            contactId: 501, categoryId: 3, created: '2026-03-07T07:20:30.000Z',
            content: 'Incoming call from +79991234567 (line 74950000000), 95 s, answered by 201. Recording: https://pbx.example.com/rec/1773130770.42.mp3 Call id: 1773130770.42',
        });
        expect(bodyOf(seen, 'POST', 'crm/voip/call/1773130770_42', 1)).toEqual({ from: '+79991234567', to: '74950000000', status: 2, contactId: '501', answeredBy: OO_USERS['201'] });
    });
    it('missed inbound call from a known contact: missed history event, missed journal, a call-back task for the responsible', async () => {
        const known = [
            { ID: 12, DisplayName: 'Acme', IsCompany: true, CommonData: [{ InfoType: 0, Data: '+7 999 123-45-67' }] },
            { id: 77, displayName: 'Ivan Petrov', isCompany: false, commonData: [{ infoType: 0, data: '8 (999) 123-45-67' }] },
        ];
        const seen = portal(known);
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        const match = await a.findByPhone('+79991234567');
        expect(match).toEqual({
            entity: { kind: 'contact', id: '77' }, name: 'Ivan Petrov', responsibleExtension: null, openWork: [], client: { fields: { isCompany: 'false' }, tags: [] },
        });
        const ref = await a.registerCall(start({ entity: match?.entity ?? null }));
        await a.finishCall(ref, end({ extension: '202', talkDurationSec: 0, disposition: 'missed', hangupCause: 19, answeredAtMs: null, endedAtMs: T0 + 20_000 }));
        const task = { callId: ref.callId, phone: '+79991234567', responsibleExtension: '202', entity: ref.entity, dueAtMs: T0 + 3_600_000, title: 'Call back +79991234567' };
        await a.tasks.create(ref, task);
        await a.tasks.create(ref, task);
        expect(lines(seen)).toEqual([
            'GET crm/contact/bycontactinfo?infoType=0&data=9991234567', 'POST crm/voip/call/1773130770_42', 'GET crm/history/category',
            'POST crm/history', 'POST crm/voip/call/1773130770_42', 'GET crm/task/category', 'POST crm/task',
        ]);
        expect(bodyOf(seen, 'POST', 'crm/history')).toMatchObject({
            contactId: 77, categoryId: 3, content: 'Missed incoming call from +79991234567 (line 74950000000), rang 20 s (missed), responsible 202. Call id: 1773130770.42',
        });
        expect(bodyOf(seen, 'POST', 'crm/voip/call/1773130770_42', 1)).toEqual({ from: '+79991234567', to: '74950000000', status: 3, contactId: '77' });
        expect(bodyOf(seen, 'POST', 'crm/task')).toEqual({
            title: 'Call back +79991234567', description: 'Call back +79991234567. Call id: 1773130770.42', deadline: '2026-03-07T08:20:30.000Z',
            responsibleId: OO_USERS['202'], categoryId: 11, isNotify: true, contactId: 77,
        });
    });
    it('outbound call to a contact whose infos come separately: checks its numbers, journals from our line, outgoing history', async () => {
        const seen = portal([{ ID: 88, DisplayName: 'Olga', IsCompany: false }], (r) => (r.path === 'crm/contact/88/data' ? [{ ID: 5, InfoType: 0, Category: 1, Data: '79991234567' }] : undefined));
        const a = onlyofficeTestAdapter(onlyofficeTestConfig({ ONLYOFFICE_HISTORY_CATEGORY: '3' }));
        const match = await a.findByPhone('+79991234567');
        const ref = await a.registerCall(start({ callId: '1773130999.7', direction: 'outbound', entity: match?.entity ?? null }));
        await a.finishCall(ref, end({ direction: 'outbound', talkDurationSec: 30 }));
        expect(lines(seen)).toEqual([
            'GET crm/contact/bycontactinfo?infoType=0&data=9991234567', 'GET crm/contact/88/data',
            'POST crm/voip/call/1773130999_7', 'POST crm/history', 'POST crm/voip/call/1773130999_7',
        ]);
        expect(bodyOf(seen, 'POST', 'crm/voip/call/1773130999_7', 0)).toEqual({ from: '74950000000', to: '+79991234567', status: 1, contactId: '88' });
        expect(bodyOf(seen, 'POST', 'crm/history')).toMatchObject({ contactId: 88, categoryId: 3, content: 'Outgoing call to +79991234567 (line 74950000000) by 201, 30 s. Call id: 1773130999.7' });
        expect(bodyOf(seen, 'POST', 'crm/voip/call/1773130999_7', 1)).toEqual({ from: '74950000000', to: '+79991234567', status: 2, contactId: '88', answeredBy: OO_USERS['201'] });
    });
    it('leaves no trace of a call with no contact (CRM_CREATE=none), since ONLYOFFICE would create a person itself', async () => {
        const seen = portal([]);
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        const ref = await a.registerCall(start());
        await a.finishCall(ref, end());
        const out = await a.registerCall(start({ callId: '1773131000.1', direction: 'outbound' }));
        await a.finishCall(out, end({ direction: 'outbound' }));
        expect(seen).toEqual([]);
    });
    it('creates an opportunity bound to the contact with the configured stage and the responsible GUID', async () => {
        const seen = portal([]);
        const a = onlyofficeTestAdapter(onlyofficeTestConfig({ ONLYOFFICE_DEAL_STAGE_ID: '4' }));
        const deal = await a.createEntity({ kind: 'deal', phone: '+79991234567', title: 'Incoming call +79991234567', responsibleExtension: '201', contact: { kind: 'contact', id: '77' }, source: 'inbound' });
        expect(deal).toEqual({ kind: 'deal', id: '900' });
        expect(bodyOf(seen, 'POST', 'crm/opportunity')).toEqual({ title: 'Incoming call +79991234567', stageid: 4, bidType: 0, contactid: 77, responsibleid: OO_USERS['201'] });
    });
});
