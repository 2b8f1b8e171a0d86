import { describe, expect, it } from 'vitest';
import { inboundMissedEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { resendRig } from '../../support/resend-rig.js';
const REFUSED = { status: 401, error: 'WRONG_AUTH_TYPE', description: 'Current authorization type is denied for this method' };
describe('a call whose registration the CRM refuses for good, registered by its end', () => {
    it('is journaled without a CRM ref and noticed as missed; a resend tries once more and stops', async () => {
        const r = await resendRig();
        r.emu.failNext('telephony.externalcall.register', REFUSED, 100);
        const events = inboundMissedEvents({ phone: '+74951230331', rang: ['201'] });
        const id = events[0]?.call.id ?? '';
        await r.queue.add(events); // all at once: the ringing stage is skipped, the end registers
        await waitFor(async () => (await r.queue.counts()).failed === 1 && (await r.settled()), { what: 'the end failed for good', timeoutMs: 10_000 });
        expect(r.registrations(id)).toBe(0); // refused registrations are not recorded by the emulator
        expect(await r.side.journal.get(id)).toMatchObject({ id, crm: null });
        expect(r.missed).toEqual([id]);
        const requests = r.emu.stats.requests;
        const tries = () => r.emu.stats.log.filter((l) => l.methods.includes('telephony.externalcall.register')).length;
        expect(tries()).toBe(1);
        expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
        await waitFor(async () => r.emu.stats.requests > requests && (await r.settled()), { what: 'the resend tried', timeoutMs: 10_000 });
        expect(tries()).toBe(2); // one more try, no loop
        expect((await r.queue.counts()).waiting + (await r.queue.counts()).delayed).toBe(0);
        expect(await r.side.journal.get(id)).toMatchObject({ id, crm: null });
        expect(await r.side.syncStore.isDone(id, 'register-refused')).toBe(true);
    });
});
