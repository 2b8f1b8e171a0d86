import { describe, expect, it, vi } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundAnsweredEvents, inboundMissedEvents } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const RULES = {
    create: 'deal', simpleMode: false, repeatSales: true, defaultContactName: 'No name', blacklist: [],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: 'https://pbx.example/rec',
};
function setup() {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const crm = new LocalCrmAdapter({ redis, prefix, users: {}, log: silentLogger() });
    const journal = new CallJournal(redis, prefix);
    const sync = new CallSync(crm, RULES, new SyncStateStore(redis, prefix), journal, silentLogger());
    return { crm, journal, sync };
}
describe('CallSync: a call from an anonymous caller', () => {
    it('a missed one reaches the CRM unbound, with no lookup, no contact, no deal and no call-back task, and is in the missed list', async () => {
        const { crm, journal, sync } = setup();
        const find = vi.spyOn(crm, 'findByPhone');
        const create = vi.spyOn(crm, 'createEntity');
        const task = vi.spyOn(crm.tasks, 'create');
        const events = inboundMissedEvents({ phone: null, rang: ['201'] });
        for (const ev of events)
            await sync.apply(ev);
        const callId = events[0]?.call.id ?? '';
        expect(find).not.toHaveBeenCalled();
        expect(create).not.toHaveBeenCalled();
        expect(task).not.toHaveBeenCalled();
        expect(await crm.callEntry(callId)).toMatchObject({ kind: 'incoming', client: null, entity: null, agent: '201', disposition: 'missed' });
        expect(await journal.get(callId)).toMatchObject({ externalNumber: null, disposition: 'missed', crm: { adapter: 'local', crmCallId: `local-${callId}`, entity: null } });
        expect((await journal.list({ disposition: 'missed' })).items.map((r) => r.id)).toEqual([callId]);
    });
    it('an answered one is finished for the operator like any other call', async () => {
        const { crm, sync } = setup();
        const events = inboundAnsweredEvents({ phone: null, rang: ['201', '202'], answeredBy: '202' });
        for (const ev of events)
            await sync.apply(ev);
        expect(await crm.callEntry(events[0]?.call.id ?? '')).toMatchObject({ client: null, agent: '202', disposition: 'answered', talkDurationSec: 60 });
    });
});
describe('CallSync: every recording of a call', () => {
    it('gives the adapter all recordings in order, as RECORDINGS_BASE_URL links, once', async () => {
        const { crm, journal, sync } = setup();
        const attach = vi.spyOn(crm.recordings, 'attach');
        const files = ['/var/spool/asterisk/monitor/leg-201.wav', '/var/spool/asterisk/monitor/leg-202.wav'];
        const events = inboundAnsweredEvents({ recordingFiles: files });
        for (const ev of [...events, ...events])
            await sync.apply(ev);
        const callId = events[0]?.call.id ?? '';
        const links = ['https://pbx.example/rec/leg-201.wav', 'https://pbx.example/rec/leg-202.wav'];
        expect(attach.mock.calls.map((c) => c[1])).toEqual([links]);
        expect(await crm.callEntry(callId)).toMatchObject({ recording: links[0], recordings: links });
        expect(await journal.get(callId)).toMatchObject({ recordingFile: files[0], recordingFiles: files });
    });
});
