import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber } from '../../../src/calls/phone-number.js';
import { erasePersonalData, pruneJournal } from '../../../src/daemon/personal-data.js';
import { PENDING_GRACE_MS } from '../../../src/sync/call-sync.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { resendRig } from '../../support/resend-rig.js';
const DOWN = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' };
async function rigWithDeps() {
    const r = await resendRig();
    const deps = {
        journal: r.side.journal, traces: r.side.traces, sync: r.side.syncStore, local: null,
        routeCache: { erase: async () => 0 }, normalize: (raw) => normalizePhoneNumber(raw, 'RU'),
    };
    return { ...r, deps };
}
describe('erasure and retention reach the kept ended events', () => {
    it('an erased call is not resent (not found), alone or in a range, and stays out of the journal', async () => {
        const r = await rigWithDeps();
        const synced = inboundAnsweredEvents({ phone: '+74951230311', rang: ['201'] });
        const second = inboundAnsweredEvents({ phone: '+74951230311', rang: ['202'] });
        const [idA, idB] = [synced[0]?.call.id ?? '', second[0]?.call.id ?? ''];
        await r.queue.add(synced);
        await waitFor(async () => (await r.side.journal.get(idA)) !== null && (await r.settled()), { what: 'the first call synced', timeoutMs: 10_000 });
        await r.queue.add(second);
        await waitFor(async () => (await r.side.journal.get(idB)) !== null && (await r.settled()), { what: 'the second call synced', timeoutMs: 10_000 });
        await waitFor(r.settled, { what: 'nothing left running', timeoutMs: 10_000 });
        expect(await erasePersonalData(r.deps, '+74951230311')).toMatchObject({ calls: 2 });
        expect(await r.side.syncStore.endedEvent(idA)).toBeNull();
        expect(await r.side.syncStore.endedEvent(idB)).toBeNull();
        expect(await r.resender.one(idA)).toBeNull();
        expect(await r.resender.range(0, Date.now() + 1000)).toMatchObject({ queued: 0, ids: [] });
        await waitFor(r.settled, { what: 'nothing queued', timeoutMs: 10_000 });
        expect(await r.side.journal.get(idA)).toBeNull();
        expect(await r.side.journal.get(idB)).toBeNull();
        expect(await r.side.journal.idsOfPhone('+74951230311')).toEqual([]);
    });
    it('journal retention drops the ended events of the calls it removes and of calls that never reached the journal', async () => {
        const r = await rigWithDeps();
        const journaled = inboundAnsweredEvents({ phone: '+74951230312', rang: ['201'] });
        const never = inboundAnsweredEvents({ phone: '+74951230313', rang: ['202'] });
        const [idA, idB] = [journaled[0]?.call.id ?? '', never[0]?.call.id ?? ''];
        await r.queue.add(journaled);
        await waitFor(async () => (await r.side.journal.get(idA)) !== null && (await r.settled()), { what: 'the first call synced', timeoutMs: 10_000 });
        r.emu.failNext('*', DOWN, 1000); // the portal is down: the second call is never journaled
        await r.queue.add(never);
        await waitFor(async () => (await r.queue.counts()).failed >= 1 && (await r.settled()), { what: 'the second call failed', timeoutMs: 10_000 });
        expect(await r.side.journal.get(idB)).toBeNull();
        expect(await r.side.syncStore.endedEvent(idB)).not.toBeNull();
        expect(await pruneJournal(r.deps, Date.now() + 60_000)).toMatchObject({ calls: 1 });
        expect(await r.side.syncStore.endedEvent(idA)).toBeNull();
        expect(await r.side.syncStore.endedEvent(idB)).toBeNull();
        expect(await r.resender.one(idA)).toBeNull();
        expect(await r.resender.one(idB)).toBeNull();
        expect(await r.resender.sweep(Date.now() + 100 * PENDING_GRACE_MS)).toEqual([]);
    });
});
