import { describe, expect, it } from 'vitest';
import { PENDING_GRACE_MS } from '../../../src/sync/call-sync.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { resendRig as rig } from '../../support/resend-rig.js';
const DOWN = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' };
describe('resending calls to the CRM', () => {
    it('a call whose finish failed is finished by a resend, once; a second resend duplicates nothing', async () => {
        const r = await rig();
        const events = inboundAnsweredEvents({ phone: '+74951230301', rang: ['201'] });
        const id = events[0]?.call.id ?? '';
        r.emu.failNext('telephony.externalcall.finish', DOWN, 2); // in the register batch, then finishCall's own
        await r.queue.add(events);
        await waitFor(async () => (await r.queue.counts()).failed === 1, { what: 'the ended stage failed', timeoutMs: 10_000 });
        expect(r.finishes(id)).toBe(0);
        expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
        await waitFor(() => r.finishes(id) === 1, { what: 'finished by the resend', timeoutMs: 10_000 });
        await waitFor(r.settled, { what: 'the resend done', timeoutMs: 10_000 });
        const requests = r.emu.stats.requests;
        expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
        await waitFor(r.settled, { what: 'the second resend done', timeoutMs: 10_000 });
        expect(r.finishes(id)).toBe(1);
        expect(r.registrations(id)).toBe(1);
        expect(r.emu.stats.requests).toBe(requests); // everything was done: nothing is sent
        expect(await r.resender.one('1795499999.1')).toBeNull();
    });
    it('resends the calls of a time range, and the sweep resends a call whose CRM stages never completed (after an outage)', async () => {
        const r = await rig();
        const a = inboundAnsweredEvents({ phone: '+74951230302', rang: ['201'] });
        const b = inboundAnsweredEvents({ phone: '+74951230303', rang: ['202'] });
        const [idA, idB] = [a[0]?.call.id ?? '', b[0]?.call.id ?? ''];
        r.emu.failNext('*', DOWN, 1000); // the portal is down
        await r.queue.add([...a, ...b]);
        await waitFor(async () => (await r.queue.counts()).failed >= 2, { what: 'the stages failed', timeoutMs: 10_000 });
        await waitFor(r.settled, { what: 'nothing left running', timeoutMs: 10_000 });
        r.emu.failNext('*', DOWN, 0); // it is back
        expect(await r.resender.sweep(Date.now())).toEqual([]); // not due yet
        expect((await r.resender.sweep(Date.now() + PENDING_GRACE_MS + 1)).sort()).toEqual([idA, idB].sort());
        await waitFor(() => r.finishes(idA) === 1 && r.finishes(idB) === 1, { what: 'both finished', timeoutMs: 10_000 });
        await waitFor(r.settled, { what: 'resends done', timeoutMs: 10_000 });
        expect(await r.resender.sweep(Date.now() + 100 * PENDING_GRACE_MS)).toEqual([]); // synced: no longer pending
        const ended = a[2]?.call.endedAtMs ?? 0;
        const range = await r.resender.range(ended - 1000, ended + 1000);
        expect([...range.ids].sort()).toEqual([idA, idB].sort());
        await waitFor(r.settled, { what: 'range resend done', timeoutMs: 10_000 });
        expect([r.finishes(idA), r.finishes(idB), r.registrations(idA), r.registrations(idB)]).toEqual([1, 1, 1, 1]);
    });
});
