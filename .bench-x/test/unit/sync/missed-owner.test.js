import { describe, expect, it } from 'vitest';
import { aCall, aRing } from '../../../harness/call-builders.js';
import { sameLine } from '../../../src/calls/same-line.js';
import { explainFinalUser, finalUser, lastRang, lineOwner } from '../../../src/sync/responsible-policy.js';
const missed = aCall({ line: '4951230000', rang: [aRing('203', 5), aRing('201', 2), aRing('+79261234567', 1)], disposition: 'missed' });
const none = { missedResponsible: null, missedOwner: 'first', lineOwners: {} };
describe('the owner chain of a missed call', () => {
    it('gives it to the client\'s responsible in the CRM first, whatever is configured', () => {
        expect(finalUser(missed, { missedResponsible: '299', lineOwners: { '84951230000': '250' } }, '207')).toBe('207');
        expect(explainFinalUser(missed, none, '207')).toMatchObject({ extension: '207', rule: 'crm-responsible' });
    });
    it('then to the owner of its line in the rules file, the DID in any format', () => {
        for (const did of ['84951230000', '+7 (495) 123-00-00', '4951230000']) {
            expect(finalUser(missed, { missedResponsible: '299', lineOwners: { [did]: '250' } }, null)).toBe('250');
        }
        expect(finalUser(missed, { missedResponsible: '299', lineOwners: { '84951230001': '250' } }, null)).toBe('299');
        expect(explainFinalUser(missed, { ...none, lineOwners: { '84951230000': '250' } })).toMatchObject({ extension: '250', rule: 'line-owner' });
    });
    it('then to MISSED_CALLS_RESPONSIBLE, then to the operator who rang first, or last with MISSED_OWNER=last', () => {
        expect(finalUser(missed, { ...none, missedResponsible: '299' })).toBe('299');
        expect(finalUser(missed, none)).toBe('201');
        expect(lastRang(missed)).toBe('203');
        expect(finalUser(missed, { ...none, missedOwner: 'last' })).toBe('203');
        expect(explainFinalUser(missed, { ...none, missedOwner: 'last' })).toMatchObject({ extension: '203', rule: 'last-rang' });
    });
    it('ignores a CRM responsible that is no extension, and lets the answerer own an answered call', () => {
        expect(finalUser(missed, none, 'user-17')).toBe('201');
        const answered = { ...missed, answeredBy: '203', answeredAtMs: 9, disposition: 'answered', rang: [aRing('203', 5, 'answered')] };
        expect(finalUser(answered, { ...none, lineOwners: { '4951230000': '250' } }, '207')).toBe('203');
    });
});
describe('sameLine', () => {
    it('matches the same number written three ways and nothing else', () => {
        expect(sameLine('84951230000', '+74951230000')).toBe(true);
        expect(sameLine('4951230000', '74951230000')).toBe(true);
        expect(sameLine('4951230000', '4951230001')).toBe(false);
        expect(sameLine('100', '2100')).toBe(false);
        expect(lineOwner(null, { missedResponsible: null, lineOwners: { '100': '201' } })).toBeNull();
    });
});
