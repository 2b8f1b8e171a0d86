import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../../../src/journal/call-journal.js';
import { silentLogger } from '../../../../src/log.js';
import { CallSync } from '../../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../../src/sync/sync-state-store.js';
import { aCall, aCallEvent, aRing, inboundAnsweredEvents } from '../../../../harness/call-builders.js';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
import { testRedis } from '../../../support/test-redis.js';
const later = (...events) => ({ later: () => Promise.resolve(events) });
async function rig(env = {}) {
    const setup = await startBitrix24Setup({ env });
    const redis = testRedis();
    const prefix = setup.config.redis.prefix;
    const sync = new CallSync(setup.adapter, setup.config.sync, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger());
    await setup.adapter.extensionOfUser('5'); // the user directory, loaded once
    const from = setup.emu.stats.log.length;
    const requests = () => setup.emu.stats.log.slice(from).map((r) => [...r.methods].sort());
    return { ...setup, sync, requests };
}
/** A queue call: 201 rings (seq 0), then 202 too (seq 1); 201 answers (seq 2); it ends (seq 3). */
function queueCall(phone) {
    const base = aCall({ externalNumber: phone, queue: '500' });
    const r201 = aRing('201', base.startedAtMs + 1000);
    const r202 = aRing('202', base.startedAtMs + 1200);
    const answeredAtMs = base.startedAtMs + 5000;
    const answered = { ...base, rang: [{ ...r201, outcome: 'answered', endedAtMs: answeredAtMs }, { ...r202, outcome: 'cancelled', endedAtMs: answeredAtMs }], answeredBy: '201', answeredAtMs };
    return [
        aCallEvent('ringing', { ...base, rang: [r201] }, 0, { ringingTargets: ['201'] }),
        aCallEvent('ringing', { ...base, rang: [r201, r202] }, 1, { ringingTargets: ['202'] }),
        aCallEvent('answered', answered, 2),
        aCallEvent('ended', { ...answered, endedAtMs: answeredAtMs + 9000, talkDurationSec: 9, ringDurationSec: 4, disposition: 'answered', hangupCause: 16 }, 3, { endReason: 'hangup' }),
    ];
}
describe('bitrix24: stages of a call that has moved on (no stale card, fewer requests)', () => {
    it('a ringing stage applied after the call ended sends nothing; the end registers with SHOW=0 and finishes in the same batch', async () => {
        const { sync, emu, requests } = await rig();
        const [ringing, answered, ended] = inboundAnsweredEvents({ phone: '+74951230101', rang: ['201', '202'] });
        if (!ringing || !answered || !ended)
            throw new Error('builder');
        await sync.apply(ringing, later(answered, ended));
        await sync.apply(answered, later(ended));
        expect(emu.state.registered()).toHaveLength(0);
        await sync.apply(ended);
        expect(requests()).toEqual([
            ['telephony.externalcall.searchcrmentities'],
            ['crm.contact.add', 'telephony.externalcall.finish', 'telephony.externalcall.register'],
        ]);
        const [call] = emu.state.registered();
        expect(call?.params['SHOW']).toBe('0');
        expect(call?.finished).toMatchObject({ userId: '5', statusCode: '200', duration: 60 });
        expect(emu.state.cards).toEqual([]);
    });
    it('a call that ends while its registration is being prepared is registered with SHOW=0 and gets no card', async () => {
        const { sync, emu } = await rig();
        const [ringing, answered, ended] = inboundAnsweredEvents({ phone: '+74951230105', rang: ['201', '202'] });
        if (!ringing || !answered || !ended)
            throw new Error('builder');
        let reads = 0;
        await sync.apply(ringing, { later: () => Promise.resolve(reads++ === 0 ? [] : [answered, ended]) }); // ended after the first look
        const [call] = emu.state.registered();
        expect(call?.params['SHOW']).toBe('0');
        expect(emu.state.cards).toEqual([]);
        await sync.apply(answered, later(ended));
        await sync.apply(ended);
        expect(emu.state.registered()).toHaveLength(1);
        expect(emu.state.registered()[0]?.finished).toMatchObject({ statusCode: '200' });
        expect(emu.state.cards.filter((c) => c.action === 'show')).toEqual([]);
    });
    it('a ringing stage applied after another operator answered shows the card to the answerer only', async () => {
        const { sync, emu } = await rig();
        const [ringing, answered] = inboundAnsweredEvents({ phone: '+74951230102', rang: ['202', '201'], answeredBy: '201' });
        if (!ringing || !answered)
            throw new Error('builder');
        await sync.apply(ringing, later(answered));
        const [call] = emu.state.registered();
        expect(emu.state.cardsShown(call?.CALL_ID ?? '')).toEqual(['5']); // 201 = user 5; 202 (user 6) no longer rings
    });
    it('a queue call: the second operator\'s card rides in the register batch, so the call costs 4 requests', async () => {
        const { sync, emu, requests } = await rig();
        const events = queueCall('+74951230103');
        for (const [i, ev] of events.entries())
            await sync.apply(ev, later(...(ev.stage === 'ringing' && i === 0 ? events.slice(1, 2) : [])));
        const shape = requests();
        expect(shape).toHaveLength(4);
        expect(shape[1]).toEqual(['crm.contact.add', 'telephony.externalcall.register', 'telephony.externalcall.show']);
        expect(emu.state.registered()[0]?.finished).toMatchObject({ userId: '5', statusCode: '200' });
    });
    it('CRM_CREATE=lead: a new number\'s lead is created inside the register batch', async () => {
        const { sync, emu, requests } = await rig({ CRM_CREATE: 'lead' });
        for (const ev of inboundAnsweredEvents({ phone: '+74951230104', rang: ['201'] }))
            await sync.apply(ev);
        expect(requests()[1]).toEqual(['crm.lead.add', 'telephony.externalcall.register']);
        const lead = emu.state.entities.find((e) => e.kind === 'LEAD');
        expect(String(emu.state.registered()[0]?.params['CRM_ENTITY_ID'])).toBe(String(lead?.id));
        expect(requests()).toHaveLength(3);
    });
});
