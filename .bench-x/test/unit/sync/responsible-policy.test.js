import { describe, expect, it } from 'vitest';
import { currentAgent, finalUser, firstRang, isMissedInbound, registerExtension } from '../../../src/sync/responsible-policy.js';
import { aCall, aRing } from '../../../harness/call-builders.js';
const rules = { missedResponsible: null };
describe('responsible policy', () => {
    it('assigns an answered call to the answerer', () => {
        const call = aCall({ rang: [aRing('201', 1), aRing('202', 1)], answeredBy: '202', disposition: 'answered' });
        expect(finalUser(call, rules)).toBe('202');
    });
    it('assigns a missed call to the first operator who rang', () => {
        const call = aCall({ rang: [aRing('203', 5), aRing('201', 2)], disposition: 'missed' });
        expect(firstRang(call)).toBe('201');
        expect(finalUser(call, rules)).toBe('201');
        expect(isMissedInbound(call)).toBe(true);
    });
    it('assigns a missed call to MISSED_CALLS_RESPONSIBLE when set', () => {
        const call = aCall({ rang: [aRing('201', 2)], disposition: 'noanswer' });
        expect(finalUser(call, { missedResponsible: '299' })).toBe('299');
    });
    it('assigns an outbound call to its caller', () => {
        const call = aCall({ direction: 'outbound', callerExtension: '204', answeredBy: '+74957654321', rang: [aRing('+74957654321')] });
        expect(finalUser(call, rules)).toBe('204');
        expect(registerExtension(call, rules)).toBe('204');
        expect(isMissedInbound(call)).toBe(false);
    });
    it('registers an inbound call that rang nobody yet to the missed-call owner', () => {
        expect(registerExtension(aCall(), { missedResponsible: '299' })).toBe('299');
        expect(registerExtension(aCall(), rules)).toBeNull();
    });
});
describe('responsible after a transfer', () => {
    it('makes the transfer target that answered the final user, though answeredBy stays the first answerer', () => {
        const call = aCall({
            rang: [aRing('201', 1000, 'answered', 3000), aRing('202', 9000, 'answered', 11_000)], answeredBy: '201',
            transfers: [{ kind: 'blind', fromExtension: '201', toTarget: '202', atMs: 8000 }], disposition: 'answered',
        });
        expect(currentAgent(call)).toBe('202');
        expect(finalUser(call, { missedResponsible: '299' })).toBe('202');
    });
});
