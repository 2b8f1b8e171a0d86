import { describe, expect, it, vi } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { RetryableError } from '../../../src/errors.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { blindTransferEvents, inboundAnsweredEvents, inboundMissedEvents, internalCallEvents, outboundAnsweredEvents } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
/** The i-th item, which the test's data guarantees. */
function at(items, i) {
    const item = items[i];
    if (item === undefined)
        throw new Error(`no item ${i}`);
    return item;
}
const RULES = {
    create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name', blacklist: ['+74959999999'],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: 'https://pbx.example/rec',
};
function setup(rules = {}) {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const crm = new LocalCrmAdapter({ redis, prefix, users: {}, log: silentLogger() });
    const journal = new CallJournal(redis, prefix);
    const sync = new CallSync(crm, { ...RULES, ...rules }, new SyncStateStore(redis, prefix), journal, silentLogger());
    return { crm, journal, sync };
}
describe('CallSync with the local CRM', () => {
    it('syncs an inbound answered queue call: contact, cards, responsible, finish, recording, journal', async () => {
        const { crm, journal, sync } = setup();
        const events = inboundAnsweredEvents({ rang: ['201', '202', '203'], answeredBy: '202', queue: '500', recordingFile: '/var/spool/rec/a.wav' });
        const register = vi.spyOn(crm, 'registerCall');
        const show = vi.spyOn(crm.card, 'show');
        const hide = vi.spyOn(crm.card, 'hide');
        await sync.apply(at(events, 0));
        const callId = events[0]?.call.id ?? '';
        expect(register.mock.calls[0]?.[0]).toMatchObject({ extension: '201', showTo: ['201', '202', '203'] });
        expect(show).not.toHaveBeenCalled(); // shown with the registration
        expect((await crm.cardsShown(callId)).sort()).toEqual(['201', '202', '203']);
        for (const ev of events.slice(1))
            await sync.apply(ev);
        expect(show).not.toHaveBeenCalled();
        expect(hide.mock.calls[0]?.[1]).toEqual(expect.arrayContaining(['201', '203']));
        const match = await crm.findByPhone('+74951234567');
        expect(match).toMatchObject({ entity: { kind: 'contact' }, name: 'No name', responsibleExtension: '202' });
        expect(await crm.callEntry(callId)).toMatchObject({ kind: 'incoming', agent: '202', talkDurationSec: 60, disposition: 'answered', recording: 'https://pbx.example/rec/a.wav' });
        expect(await crm.cardsShown(callId)).toEqual([]);
        expect(await crm.task(callId)).toBeNull();
        expect(await journal.get(callId)).toMatchObject({ agent: '202', queue: '500', disposition: 'answered', crm: { adapter: 'local', crmCallId: `local-${callId}`, entity: match?.entity } });
    });
    it('assigns a missed call to the first operator who rang and leaves a call-back task', async () => {
        const { crm, journal, sync } = setup();
        const events = inboundMissedEvents({ rang: ['204', '205'] });
        for (const ev of events)
            await sync.apply(ev);
        const callId = events[0]?.call.id ?? '';
        expect(await crm.callEntry(callId)).toMatchObject({ agent: '204', disposition: 'missed', talkDurationSec: 0 });
        const task = await crm.task(callId);
        expect(task).toMatchObject({ responsibleExtension: '204', phone: '+74951234568' });
        expect(task?.dueAtMs).toBe((events[1]?.call.endedAtMs ?? 0) + 60 * 60_000);
        expect((await journal.list({ disposition: 'missed' })).items.map((r) => r.id)).toEqual([callId]);
    });
    it('registers a call picked up with no operator (late connect, resync) to its client\'s responsible, and the answerer takes it over', async () => {
        const { crm, sync } = setup();
        const phone = '+74951239900';
        const client = await crm.createEntity({ kind: 'contact', phone, title: 'Client', responsibleExtension: '203', contact: null, source: 'inbound' });
        const register = vi.spyOn(crm, 'registerCall');
        const [ringing, ...later] = inboundAnsweredEvents({ phone, rang: ['205'] });
        if (!ringing)
            throw new Error('the builder gave no ringing event');
        await sync.apply({ ...ringing, ringingTargets: [], call: { ...ringing.call, rang: [] } }); // nobody known to ring yet
        expect(register.mock.calls[0]?.[0]).toMatchObject({ extension: '203', entity: client });
        for (const ev of later)
            await sync.apply(ev);
        const callId = ringing.call.id;
        expect(await crm.callEntry(callId)).toMatchObject({ agent: '205', disposition: 'answered' });
        expect((await crm.findByPhone(phone))?.responsibleExtension).toBe('205');
    });
    it('gives a missed call to MISSED_CALLS_RESPONSIBLE when set', async () => {
        const { crm, sync } = setup({ missedResponsible: '299' });
        const events = inboundMissedEvents({ rang: ['204'] });
        for (const ev of events)
            await sync.apply(ev);
        expect((await crm.responsible.find('+74951234568'))?.extension).toBe('299');
    });
    it('syncs an outbound call to the caller and keeps a click-to-call CRM id', async () => {
        const { crm, sync } = setup();
        const events = outboundAnsweredEvents({ callerExtension: '207', crmCallId: 'b24-call-1' });
        for (const ev of events)
            await sync.apply(ev);
        const callId = events[0]?.call.id ?? '';
        expect(await crm.callEntry(callId)).toMatchObject({ kind: 'outgoing', agent: '207', crmCallId: 'b24-call-1', talkDurationSec: 30 });
    });
    it('keeps internal calls out of the CRM but journals them', async () => {
        const { crm, journal, sync } = setup();
        const register = vi.spyOn(crm, 'registerCall');
        const events = internalCallEvents();
        for (const ev of events)
            await sync.apply(ev);
        expect(register).not.toHaveBeenCalled();
        expect(await journal.get(events[0]?.call.id ?? '')).toMatchObject({ direction: 'internal', crm: null, agent: '202' });
    });
    it('creates nothing for a blacklisted number, and no call-back task', async () => {
        const { crm, sync } = setup();
        const create = vi.spyOn(crm, 'createEntity');
        const events = inboundMissedEvents({ phone: '+74959999999' });
        for (const ev of events)
            await sync.apply(ev);
        expect(create).not.toHaveBeenCalled();
        expect(await crm.task(events[0]?.call.id ?? '')).toBeNull();
        expect(await crm.callEntry(events[0]?.call.id ?? '')).toMatchObject({ disposition: 'missed' });
    });
    it('repeats nothing when every stage is applied twice', async () => {
        const { crm, sync } = setup();
        const register = vi.spyOn(crm, 'registerCall');
        const finish = vi.spyOn(crm, 'finishCall');
        const task = vi.spyOn(crm.tasks, 'create');
        const events = inboundMissedEvents();
        for (const ev of [...events, ...events])
            await sync.apply(ev);
        expect([register.mock.calls.length, finish.mock.calls.length, task.mock.calls.length]).toEqual([1, 1, 1]);
    });
    it('creates one contact when two calls from one new number arrive at once', async () => {
        const { crm, sync } = setup();
        const a = inboundAnsweredEvents({ phone: '+74951110000' });
        const b = inboundAnsweredEvents({ phone: '+74951110000' });
        await Promise.all([sync.apply(at(a, 0)), sync.apply(at(b, 0))]);
        expect((await crm.entitiesOf('+74951110000')).filter((e) => e.kind === 'contact')).toHaveLength(1);
    });
    it('opens a deal per call with repeat sales, only while the client has no open deal', async () => {
        const { crm, sync } = setup({ create: 'deal', repeatSales: true });
        for (const ev of inboundAnsweredEvents({ phone: '+74951110001' }))
            await sync.apply(ev);
        for (const ev of inboundAnsweredEvents({ phone: '+74951110001' }))
            await sync.apply(ev);
        const deals = (await crm.entitiesOf('+74951110001')).filter((e) => e.kind === 'deal');
        expect(deals).toHaveLength(1);
        expect(deals[0]?.title).toContain('+74951110001');
        await crm.setStatus({ kind: 'deal', id: deals[0]?.id ?? '' }, 'closed');
        for (const ev of inboundAnsweredEvents({ phone: '+74951110001' }))
            await sync.apply(ev);
        expect((await crm.entitiesOf('+74951110001')).filter((e) => e.kind === 'deal')).toHaveLength(2);
    });
    it('issues hide, finish and the call-back task together at the end, each recorded done on its own', async () => {
        const { crm, sync } = setup();
        const events = inboundMissedEvents({ rang: ['204', '205'] });
        await sync.apply(at(events, 0));
        const started = [];
        let releaseHide = () => undefined;
        const hideGate = new Promise((resolve) => { releaseHide = resolve; });
        const realHide = crm.card.hide;
        vi.spyOn(crm.card, 'hide').mockImplementation(async (ref, exts) => { started.push('hide'); await hideGate; return realHide(ref, exts); });
        const finish = vi.spyOn(crm, 'finishCall').mockImplementation(async () => { started.push('finish'); releaseHide(); });
        const task = vi.spyOn(crm.tasks, 'create').mockImplementationOnce(async () => { started.push('task'); throw new RetryableError('crm down'); });
        await expect(sync.apply(at(events, 1))).rejects.toBeInstanceOf(RetryableError);
        expect(started).toEqual(['hide', 'finish', 'task']); // finish did not wait for the hide
        await sync.apply(at(events, 1)); // the retry repeats only the task
        expect([finish.mock.calls.length, task.mock.calls.length]).toEqual([1, 2]);
        expect(await crm.cardsShown(events[0]?.call.id ?? '')).toEqual(['204']); // 205 hidden; 204's closes with the (mocked) finish
    });
    it('hands a blind-transferred call to the transfer target: card, responsible and final user', async () => {
        const { crm, journal, sync } = setup();
        const hide = vi.spyOn(crm.card, 'hide');
        const events = blindTransferEvents();
        for (const ev of events)
            await sync.apply(ev);
        const callId = events[0]?.call.id ?? '';
        expect(hide.mock.calls.map((c) => c[1])).toEqual([['201']]);
        expect(await crm.callEntry(callId)).toMatchObject({ agent: '202', talkDurationSec: 37 });
        expect((await crm.responsible.find('+74951234569'))?.extension).toBe('202');
        expect(await journal.get(callId)).toMatchObject({ agent: '202', transfers: [{ kind: 'blind', toTarget: '202' }] });
    });
});
