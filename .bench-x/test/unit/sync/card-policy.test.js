import { describe, expect, it } from 'vitest';
import { cardTargets, cardsLeftByTransfer, cardsOnRegister, cardsOnRegisterWith, cardsStillWanted, cardsToHideOnAnswer, cardsToHideOnEnd, isConsultRing, } from '../../../src/sync/card-policy.js';
import { aCall, aCallEvent, aRing } from '../../../harness/call-builders.js';
describe('card policy', () => {
    it('shows the card to every extension that starts ringing', () => {
        const call = aCall({ rang: [aRing('201'), aRing('202')] });
        expect(cardTargets(aCallEvent('ringing', call, 0, { ringingTargets: ['202', '203'] }))).toEqual(['202', '203']);
        expect(cardTargets(aCallEvent('ringing', call))).toEqual(['201', '202']);
    });
    it('shows the card of an outbound call to the caller only', () => {
        const call = aCall({ direction: 'outbound', callerExtension: '204', rang: [aRing('+74957654321')] });
        expect(cardTargets(aCallEvent('ringing', call, 0, { ringingTargets: ['+74957654321'] }))).toEqual(['204']);
    });
    it('shows the card with the registration to those ringing, and to nobody when the first stage seen is the end', () => {
        const call = aCall({ rang: [aRing('201'), aRing('202')] });
        expect(cardsOnRegister(aCallEvent('ringing', call, 0, { ringingTargets: ['201', '202'] }))).toEqual(['201', '202']);
        expect(cardsOnRegister(aCallEvent('ended', { ...call, endedAtMs: call.startedAtMs + 9000 }))).toEqual([]);
    });
    it('hides the card from everyone but the answerer', () => {
        const call = aCall({ answeredBy: '202' });
        expect(cardsToHideOnAnswer(['201', '202', '203'], call)).toEqual(['201', '203']);
        expect(cardsToHideOnEnd(['201', '202'], '202')).toEqual(['201']);
    });
    it('once the call moved on, shows cards only to those still ringing or answering, and none once it ended', () => {
        const ringing = aCall({ rang: [aRing('201'), aRing('202')] });
        const answered = { ...ringing, rang: [aRing('201', undefined, 'answered'), aRing('202', undefined, 'cancelled')], answeredBy: '201', answeredAtMs: ringing.startedAtMs + 3000 };
        expect(cardsStillWanted(['201', '202'], undefined)).toEqual(['201', '202']);
        expect(cardsStillWanted(['201', '202'], aCallEvent('answered', answered, 1))).toEqual(['201']);
        expect(cardsStillWanted(['201', '202'], aCallEvent('ended', { ...answered, endedAtMs: answered.answeredAtMs + 5000 }, 2))).toEqual([]);
        expect(cardsStillWanted(['202'], aCallEvent('ringing', { ...ringing, rang: [aRing('202'), aRing('203')] }, 1, { ringingTargets: ['203'] }))).toEqual(['202']);
    });
    it('the registration carries the cards of later ringing stages already queued', () => {
        const first = aCall({ rang: [aRing('201')] });
        const second = { ...first, rang: [aRing('201'), aRing('202')] };
        const later = [aCallEvent('ringing', second, 1, { ringingTargets: ['202'] })];
        expect(cardsOnRegisterWith(aCallEvent('ringing', first, 0, { ringingTargets: ['201'] }), later)).toEqual(['201', '202']);
        expect(cardsOnRegisterWith(aCallEvent('ringing', first, 0, { ringingTargets: ['201'] }), [])).toEqual(['201']);
    });
    const T = 1_700_000_000_000;
    const talking = aCall({ rang: [aRing('201', T + 1000, 'answered')], answeredBy: '201', answeredAtMs: T + 3000 });
    const blind = { kind: 'blind', fromExtension: '201', toTarget: '202', atMs: T + 6000 };
    const attended = { kind: 'attended', fromExtension: '201', toTarget: '202', atMs: T + 9000 };
    it('a transferer who handed the call on loses the card, unless the call rang for them again since', () => {
        const afterBlind = { ...talking, rang: [...talking.rang, aRing('202', T + 6000)], transfers: [blind] };
        expect(cardsLeftByTransfer(['201'], talking)).toEqual([]);
        expect(cardsLeftByTransfer(['201', '202'], afterBlind)).toEqual(['201']);
        const back = { ...afterBlind, rang: [...afterBlind.rang, aRing('201', T + 8000)], transfers: [blind, { ...blind, fromExtension: '202', toTarget: '201', atMs: T + 7000 }] };
        expect(cardsLeftByTransfer(['201', '202'], back)).toEqual(['202']);
    });
    it('a ring while an agent holds the caller is a consult; the ring of a blind transfer\'s target is not', () => {
        const consult = { ...talking, rang: [...talking.rang, aRing('202', T + 5000)] };
        expect(isConsultRing(aCallEvent('ringing', consult, 2, { ringingTargets: ['202'] }))).toBe(true);
        expect(isConsultRing(aCallEvent('ringing', aCall({ rang: [aRing('201')] }), 0, { ringingTargets: ['201'] }))).toBe(false);
        expect(isConsultRing(aCallEvent('ringing', { ...consult, transfers: [blind] }, 3, { ringingTargets: ['202'] }))).toBe(false);
        // the target of a blind transfer answered, then consults 203: a consult again
        const taken = { ...talking, rang: [aRing('201', T + 1000, 'answered'), aRing('202', T + 6000, 'answered'), aRing('203', T + 12_000)], transfers: [blind] };
        expect(isConsultRing(aCallEvent('ringing', taken, 5, { ringingTargets: ['203'] }))).toBe(true);
        const afterAttended = { ...taken, transfers: [attended] };
        expect(isConsultRing(aCallEvent('ringing', afterAttended, 5, { ringingTargets: ['203'] }))).toBe(true);
        expect(isConsultRing(aCallEvent('answered', consult, 3))).toBe(false);
    });
});
