import { describe, expect, it } from 'vitest';
import { cardView, concernedExtensions, concerns, sentTo } from '../../../src/console/card-view.js';
import { toConsoleCard } from '../../../src/console/console-card.js';
import { aCall, aCallEvent, aRing, inboundAnsweredEvents } from '../../../harness/call-builders.js';
const op = (extension) => ({ extension, role: 'operator' });
const chief = { extension: 'chief', role: 'supervisor' };
function cards(events) {
    return events.map(toConsoleCard);
}
describe('cardView', () => {
    it('rings for every queue member, then says talking to the answerer and elsewhere to the others', () => {
        const [ringing, answered, ended] = cards(inboundAnsweredEvents({ rang: ['202', '203'], answeredBy: '203', queue: '2200' }));
        if (!ringing || !answered || !ended)
            throw new Error('builder changed');
        expect([cardView(ringing, op('202')), cardView(ringing, op('203'))]).toEqual(['ringing', 'ringing']);
        expect([cardView(answered, op('202')), cardView(answered, op('203'))]).toEqual(['elsewhere', 'talking']);
        expect([cardView(ended, op('202')), cardView(ended, op('203'))]).toEqual(['gone', 'gone']);
    });
    it('sends an operator only the calls that concern them, a supervisor every call as a board row', () => {
        const [ringing] = cards(inboundAnsweredEvents({ rang: ['202'] }));
        if (!ringing)
            throw new Error('builder changed');
        expect(sentTo(ringing, op('201'))).toBe(false);
        expect(sentTo(ringing, op('202'))).toBe(true);
        expect(sentTo(ringing, chief)).toBe(true);
        expect(cardView(ringing, chief)).toBe('board');
    });
    it('moves the card to the transfer target: the one who handed it on sees it go, the target sees it ring then talk', () => {
        const base = aCall({ rang: [aRing('201', 1, 'answered', 2)], answeredBy: '201', answeredAtMs: 2 });
        const transferring = { ...base, rang: [...base.rang, aRing('202', 3)], transfers: [{ kind: 'blind', fromExtension: '201', toTarget: '202', atMs: 3 }] };
        const ring = toConsoleCard(aCallEvent('transferred', transferring, 2));
        expect(cardView(ring, op('201'))).toBe('elsewhere');
        expect(cardView(ring, op('202'))).toBe('ringing');
        const talking = toConsoleCard(aCallEvent('answered', { ...transferring, answeredBy: '202', rang: [base.rang[0] ?? aRing('201'), aRing('202', 3, 'answered', 4)] }, 3));
        expect(cardView(talking, op('202'))).toBe('talking');
        expect(cardView(talking, op('201'))).toBe('elsewhere');
    });
    it('says answered elsewhere to the other queue members even when their ring has not ended in the snapshot yet', () => {
        const call = aCall({ rang: [aRing('202', 1), aRing('203', 1, 'answered', 5)], answeredBy: '203', answeredAtMs: 5, queue: '2200' });
        const card = toConsoleCard(aCallEvent('answered', call, 2));
        expect(card.ringing).toEqual([]);
        expect(cardView(card, op('202'))).toBe('elsewhere');
    });
    it('drops the card of an operator whose ring attempt ended while others still ring', () => {
        const call = aCall({ rang: [aRing('201', 1, 'noanswer', 2), aRing('202', 2)] });
        const card = toConsoleCard(aCallEvent('ringing', call, 1));
        expect(cardView(card, op('201'))).toBe('gone');
        expect(cardView(card, op('202'))).toBe('ringing');
    });
    it('writes the number as people do', () => {
        const card = toConsoleCard(aCallEvent('ringing', aCall({ externalNumber: '+74951234567', rang: [aRing('201')] })));
        expect(card.number).toBe('+7 495 123-45-67');
        expect(card.ringing).toEqual(['201']);
    });
    it('lists exactly the extensions a card concerns (the hub hands each entry only to their pages)', () => {
        const base = aCall({ rang: [aRing('201', 1, 'answered', 2), aRing('205', 1, 'noanswer', 2)], answeredBy: '201', answeredAtMs: 2, callerExtension: '209' });
        const moved = { ...base, rang: [...base.rang, aRing('202', 3)], transfers: [{ kind: 'blind', fromExtension: '201', toTarget: '203', atMs: 3 }] };
        const all = [...cards(inboundAnsweredEvents({ rang: ['202', '203'], answeredBy: '203' })), toConsoleCard(aCallEvent('transferred', moved, 2))];
        for (const card of all) {
            const listed = concernedExtensions(card);
            for (const ext of ['200', '201', '202', '203', '204', '205', '209'])
                expect(listed.has(ext), `${card.seq} ${ext}`).toBe(concerns(card, ext));
        }
        expect([...concernedExtensions(toConsoleCard(aCallEvent('transferred', moved, 2)))].sort()).toEqual(['201', '202', '203', '205', '209']);
    });
});
