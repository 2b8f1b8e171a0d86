import { describe, expect, it, onTestFinished } from 'vitest';
import { CallTracker } from '../../../../src/calls/call-tracker.js';
import { startBitrix24Emulator } from '../../../../harness/crm/bitrix24-emulator.js';
import { waitFor } from '../../../../harness/poll.js';
import { readTranscript } from '../../../support/read-transcript.js';
import { EMU_USERS } from '../../../support/bitrix24-harness.js';
import { bitrix24Workers } from '../../../support/bitrix24-workers.js';
// The shared Asterisk 22 transfer recordings the daemon's way (tracker → queue → sync workers, default settings) into
// the Bitrix24 emulator, one stage at a time: each stage is synced before the next is queued, so no two stages of the
// call can share a request by chance (the worst case for the count). Issue 11: a transfer costs at most 4 requests.
const CALLER = '+74951234567';
async function stagesOf(transcript) {
    const tracker = new CallTracker({ defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'] });
    return (await readTranscript(transcript)).flatMap((ami) => tracker.apply(ami)).filter((ev) => ev.call.direction !== 'internal');
}
async function replay(transcript, known) {
    const emu = await startBitrix24Emulator({ users: EMU_USERS });
    onTestFinished(() => emu.close());
    if (known)
        emu.state.entities.push({ kind: 'CONTACT', id: 797, fields: { NAME: 'Ivan', PHONE: [{ VALUE: CALLER, VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: '5' } });
    const { queue } = await bitrix24Workers(emu);
    const from = emu.stats.log.length;
    const after = new Map();
    for (const ev of await stagesOf(transcript)) {
        await queue.add([ev]);
        await waitFor(async () => { const c = await queue.counts(); return c.waiting + c.active + c.delayed === 0; }, { what: `${ev.stage} synced`, timeoutMs: 10_000 });
        const callId = emu.state.registered()[0]?.CALL_ID ?? '';
        after.set(`${ev.stage}:${ev.seq}`, { requests: emu.stats.log.length - from, cards: emu.state.cardsShown(callId).sort() });
    }
    return { emu, after, requests: emu.stats.log.slice(from).map((r) => r.methods.map((m) => m.replace(/^telephony\.externalcall\./i, '')).sort()) };
}
function callOf(run) {
    const [call, ...more] = run.emu.state.registered();
    expect(more).toHaveLength(0);
    return call;
}
describe('bitrix24 requests of a transferred call (shared recordings, daemon path, one stage at a time)', () => {
    for (const known of [false, true]) {
        it(`blind-transfer (${known ? 'known client of 201' : 'new number'}): 4 requests; 202's card pops as it rings and 201's closes in the same request; 202 owns the client and the finish`, async () => {
            const run = await replay('blind-transfer.ami', known);
            expect(run.requests).toEqual([
                ['searchcrmentities'], known ? ['register'] : ['crm.contact.add', 'register'], ['hide', 'show'], ['crm.contact.update', 'finish'],
            ]);
            expect(run.after.get('ringing:0')?.cards).toEqual(['5']);
            expect(run.after.get('ringing:3')).toEqual({ requests: 3, cards: ['6'] }); // the target rings: its card, 201's gone
            expect(run.after.get('answered:4')).toEqual({ requests: 3, cards: ['6'] });
            const call = callOf(run);
            expect(call?.finished).toMatchObject({ userId: '6', duration: 11, statusCode: '200' });
            expect(run.emu.state.entitiesByPhone(CALLER).map((e) => e.fields['ASSIGNED_BY_ID'])).toEqual(['6']);
            const finishedAt = call?.finished?.atMs ?? 0;
            expect(run.emu.state.cards.filter((c) => (c.atMs ?? 0) > finishedAt)).toEqual([]); // no card after the call is over
        });
        it(`attended-transfer (${known ? 'known client of 201' : 'new number'}): 4 requests; as 202 answers the consult, its card pops, 201's closes and 202 becomes the owner, in one request; finish by 202`, async () => {
            const run = await replay('attended-transfer.ami', known);
            expect(run.requests).toEqual([
                ['searchcrmentities'], known ? ['register'] : ['crm.contact.add', 'register'], ['crm.contact.update', 'hide', 'show'], ['finish'],
            ]);
            expect(run.after.get('ringing:2')).toEqual({ requests: 2, cards: ['5'] }); // the consult rings: 201 still holds the caller
            expect(run.after.get('answered:3')).toEqual({ requests: 3, cards: ['6'] }); // 202 takes the consult: the card moves
            expect(run.after.get('transferred:4')).toEqual({ requests: 3, cards: ['6'] });
            const call = callOf(run);
            expect(call?.finished).toMatchObject({ userId: '6', duration: 16, statusCode: '200' });
            expect(run.emu.state.entitiesByPhone(CALLER).map((e) => e.fields['ASSIGNED_BY_ID'])).toEqual(['6']);
            const finishedAt = call?.finished?.atMs ?? 0;
            expect(run.emu.state.cards.filter((c) => (c.atMs ?? 0) > finishedAt)).toEqual([]);
        });
    }
});
