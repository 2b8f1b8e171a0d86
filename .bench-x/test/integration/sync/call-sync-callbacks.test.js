import { describe, expect, it, vi } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundMissedEvents, outboundAnsweredEvents } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const RULES = {
    create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name', blacklist: [],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: null,
};
function setup() {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const crm = new LocalCrmAdapter({ redis, prefix, users: {}, log: silentLogger() });
    const missedCall = vi.fn(async (_record, _client) => { });
    const sync = new CallSync(crm, RULES, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger(), { missedCall });
    return { crm, sync, missedCall };
}
describe('CallSync and call-backs', () => {
    it('hands each missed call to the notifications with the CRM\'s client, and an answered call back completes its task once', async () => {
        const { crm, sync, missedCall } = setup();
        await crm.createEntity({ kind: 'contact', phone: '+74951230005', title: 'Romashka', responsibleExtension: '203', contact: null, source: 'inbound' });
        for (const ev of inboundMissedEvents({ id: 'm1', phone: '+74951230005', rang: ['201', '202'] }))
            await sync.apply(ev);
        expect(missedCall).toHaveBeenCalledTimes(1);
        expect(missedCall.mock.calls[0]?.[0]).toMatchObject({ id: 'm1', agent: '203', calledBack: null });
        expect(missedCall.mock.calls[0]?.[1]).toEqual({ responsible: '203', name: 'Romashka' });
        const later = (ms) => (ms === null ? null : ms + 60_000);
        const back = outboundAnsweredEvents({ id: 'b1', phone: '+74951230005', callerExtension: '202' }).map((ev) => ({
            ...ev, call: { ...ev.call, startedAtMs: ev.call.startedAtMs + 60_000, answeredAtMs: later(ev.call.answeredAtMs), endedAtMs: later(ev.call.endedAtMs) },
        }));
        const complete = vi.spyOn(crm.tasks, 'complete');
        for (const ev of back)
            await sync.apply(ev);
        const ended = back.at(-1);
        if (ended)
            await sync.apply(ended); // the ended stage retried
        expect(complete).toHaveBeenCalledTimes(1);
        expect((await crm.callbackTask('m1'))?.closed).toMatchObject({ callId: 'm1', by: '202', byCallId: 'b1' });
        expect(missedCall).toHaveBeenCalledTimes(1); // the answered call is no missed call
    });
});
