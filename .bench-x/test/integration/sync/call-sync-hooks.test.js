import { describe, expect, it, vi } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundAnsweredEvents, outboundAnsweredEvents } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const RULES = {
    create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name', blacklist: [],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: null,
};
function setup() {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const crm = new LocalCrmAdapter({ redis, prefix, users: {}, log: silentLogger() });
    const store = new SyncStateStore(redis, prefix);
    const responsibleChanged = vi.fn(async (_phone) => { });
    const sync = new CallSync(crm, RULES, store, new CallJournal(redis, prefix), silentLogger(), { responsibleChanged });
    return { crm, store, sync, responsibleChanged };
}
describe('CallSync hooks and click-to-call ids', () => {
    it('tells routing when a call changes the responsible for its number (the route cache is dropped)', async () => {
        const { sync, responsibleChanged } = setup();
        for (const ev of inboundAnsweredEvents({ phone: '+74951230001', rang: ['201', '202'], answeredBy: '202' }))
            await sync.apply(ev);
        expect(responsibleChanged).toHaveBeenCalledWith('+74951230001');
    });
    it('registers a call the daemon placed for the CRM under the CRM\'s own id, as a callback when it was one', async () => {
        const { crm, store, sync } = setup();
        const events = outboundAnsweredEvents({ id: 'c2c-abc', phone: '+74951112233', callerExtension: '201', crmCallId: null });
        await store.rememberPlacedCall('c2c-abc', { crmCallId: 'crm-7f3a9c', callback: true });
        const register = vi.spyOn(crm, 'registerCall');
        for (const ev of events)
            await sync.apply(ev);
        expect(register.mock.calls[0]?.[0]).toMatchObject({ callId: 'c2c-abc', crmCallId: 'crm-7f3a9c', isCallback: true });
        expect(register).toHaveBeenCalledTimes(1);
    });
});
