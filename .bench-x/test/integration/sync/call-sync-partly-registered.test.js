import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { startBitrix24Setup } from '../../support/bitrix24-harness.js';
import { testRedis } from '../../support/test-redis.js';
const DENIED = { status: 403, error: 'ACCESS_DENIED', description: 'Access denied' };
async function rig() {
    const { adapter, emu, config } = await startBitrix24Setup();
    const journal = new CallJournal(testRedis(), config.redis.prefix);
    const sync = new CallSync(adapter, config.sync, new SyncStateStore(testRedis(), config.redis.prefix), journal, silentLogger());
    const finishes = (id) => emu.state.finished().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
    const registrations = (id) => emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
    return { emu, journal, sync, finishes, registrations };
}
describe('a call Bitrix24 registered though part of the register batch failed for good is not refused', () => {
    it('one user\'s card refused in the batch: the later stages still run and the call is finished', async () => {
        const r = await rig();
        const [ringing, answered, ended] = inboundAnsweredEvents({ phone: '+74951230321', rang: ['201', '202'] });
        if (!ringing || !answered || !ended)
            throw new Error('builder');
        r.emu.failNext('telephony.externalcall.show', DENIED, 1);
        await expect(r.sync.apply(ringing)).rejects.toThrow(/ACCESS_DENIED/);
        expect(r.registrations(ringing.call.id)).toBe(1);
        await r.sync.apply(answered);
        await r.sync.apply(ended);
        expect(r.registrations(ringing.call.id)).toBe(1);
        expect(r.finishes(ringing.call.id)).toBe(1);
        expect(await r.journal.get(ended.call.id)).toMatchObject({ crm: { adapter: 'bitrix24', crmCallId: expect.any(String) } });
    });
    it('the contact creation refused in the batch: the call is registered unbound, then finished', async () => {
        const r = await rig();
        const [ringing, answered, ended] = inboundAnsweredEvents({ phone: '+74951230322', rang: ['201'] });
        if (!ringing || !answered || !ended)
            throw new Error('builder');
        r.emu.failNext('crm.contact.add', DENIED, 1);
        await expect(r.sync.apply(ringing)).rejects.toThrow(/ACCESS_DENIED/);
        expect(r.registrations(ringing.call.id)).toBe(1);
        await r.sync.apply(answered).catch(() => undefined); // may try the creation again (refused no more, or again)
        await r.sync.apply(ended).catch(() => undefined);
        expect(r.registrations(ringing.call.id)).toBe(1);
        expect(r.finishes(ringing.call.id)).toBe(1);
    });
});
