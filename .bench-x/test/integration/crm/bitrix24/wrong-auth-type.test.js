import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../../../src/journal/call-journal.js';
import { silentLogger } from '../../../../src/log.js';
import { CallSync } from '../../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../../src/sync/sync-state-store.js';
import { readinessReporter } from '../../../../src/daemon/readiness.js';
import { inboundAnsweredEvents } from '../../../../harness/call-builders.js';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
import { testRedis } from '../../../support/test-redis.js';
const REFUSED = { status: 401, error: 'WRONG_AUTH_TYPE', description: 'Current authorization type is denied for this method' };
describe('bitrix24 WRONG_AUTH_TYPE (telephony refused to a webhook)', () => {
    it('says the fix, shows on /ready, and later stages neither register again nor create a contact', async () => {
        const { adapter, emu, config } = await startBitrix24Setup();
        const redis = testRedis();
        const prefix = config.redis.prefix;
        const journal = new CallJournal(redis, prefix);
        const sync = new CallSync(adapter, config.sync, new SyncStateStore(redis, prefix), journal, silentLogger());
        await adapter.extensionOfUser('5');
        emu.failNext('telephony.externalcall.register', REFUSED, 100);
        const [ringing, answered, ended] = inboundAnsweredEvents({ phone: '+74951230201', rang: ['201'] });
        if (!ringing || !answered || !ended)
            throw new Error('builder');
        await expect(sync.apply(ringing)).rejects.toThrow(/WRONG_AUTH_TYPE.*create a local application \(OAuth\).*bitrix24-setup\.md/);
        const contactsAfterFirst = emu.state.entities.filter((e) => e.kind === 'CONTACT').length;
        const requestsAfterFirst = emu.stats.requests;
        await sync.apply(answered);
        await sync.apply(ended);
        expect(emu.stats.requests).toBe(requestsAfterFirst); // nothing more sent for this call
        expect(emu.state.entities.filter((e) => e.kind === 'CONTACT')).toHaveLength(contactsAfterFirst);
        expect(await journal.get(ended.call.id)).toMatchObject({ id: ended.call.id, crm: null });
        const ready = readinessReporter({
            redis: redis, stats: async () => ({ waiting: 0, delayed: 0, active: 0, failed: 0, buffered: 0, droppedFromBuffer: 0, fresh: true, readAtMs: 0 }),
            workersRunning: () => true, pbx: { id: 'pbx', leaseKey: `${prefix}:lease`, state: () => 'connected' }, instanceId: 'i1',
            crm: { adapter: adapter.name, problem: () => adapter.problem() },
        });
        const report = await ready();
        expect(report.crm).toMatchObject({ adapter: 'bitrix24', ok: false, problem: { method: 'telephony.externalcall.register', code: 'WRONG_AUTH_TYPE' } });
        expect(report.crm?.problem?.message).toContain('BITRIX24_CLIENT_SECRET');
    });
});
