import { describe, expect, it, vi } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundAnsweredEvents, inboundMissedEvents } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
const RULES = {
    create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name', blacklist: [],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: null,
};
/** An adapter with no optional part at all: every call it sees is one of the six core methods. */
class CoreOnlyCrm {
    name = 'core-only';
    seen = [];
    async findByPhone() { this.seen.push('findByPhone'); return null; }
    async createEntity(e) { this.seen.push('createEntity'); return { kind: e.kind, id: '1' }; }
    async registerCall(c) { this.seen.push(`registerCall showTo=${c.showTo.join(',')}`); return { callId: c.callId, crmCallId: c.callId, entity: c.entity }; }
    async finishCall(_ref, end) { this.seen.push(`finishCall ${end.disposition}`); }
    async extensionOfUser() { return null; }
    async close() { }
}
function syncWith(adapter, rules = {}) {
    const redis = testRedis();
    const prefix = uniquePrefix();
    return new CallSync(adapter, { ...RULES, ...rules }, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger());
}
describe('CallSync calls only the parts an adapter has', () => {
    it('an adapter without parts gets no card, responsible, task or recording call, only the core stages', async () => {
        const crm = new CoreOnlyCrm();
        const sync = syncWith(crm);
        for (const ev of inboundAnsweredEvents({ rang: ['201', '202'], answeredBy: '202', recordingFile: '/rec/a.wav' }))
            await sync.apply(ev);
        for (const ev of inboundMissedEvents({ rang: ['201'] }))
            await sync.apply(ev);
        expect(crm.seen).toEqual([
            'findByPhone', 'createEntity', 'registerCall showTo=', 'finishCall answered',
            'findByPhone', 'createEntity', 'registerCall showTo=', 'finishCall missed',
        ]);
    });
    it('asks the CRM for open work only when the repeat-sales rule reads it', async () => {
        const asked = async (rules) => {
            const crm = new LocalCrmAdapter({ redis: testRedis(), prefix: uniquePrefix(), users: {}, log: silentLogger() });
            const find = vi.spyOn(crm, 'findByPhone');
            const sync = syncWith(crm, rules);
            for (const ev of inboundMissedEvents({ rang: ['201'] }))
                await sync.apply(ev);
            return find.mock.calls.map((c) => c[1]);
        };
        expect(await asked({ repeatSales: true, create: 'deal' })).toEqual([{ openWork: true }]);
        expect(await asked({ repeatSales: true, create: 'lead', simpleMode: true })).toEqual([{ openWork: true }]);
        expect(await asked({ repeatSales: true, create: 'contact' })).toEqual([{ openWork: false }]);
        expect(await asked({ repeatSales: false, create: 'deal' })).toEqual([{ openWork: false }]);
    });
});
