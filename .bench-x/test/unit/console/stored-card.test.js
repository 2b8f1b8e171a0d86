import { describe, expect, it } from 'vitest';
import { cardView, concernedExtensions } from '../../../src/console/card-view.js';
import { toConsoleCard } from '../../../src/console/console-card.js';
import { readStoredCard, toCardEntries } from '../../../src/console/console-event-hub.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
/** The answered stage's card as a daemon before `talking` existed stored it. */
function olderCard() {
    const [, answered] = inboundAnsweredEvents({ rang: ['202', '203'], answeredBy: '203' }).map(toConsoleCard);
    if (!answered)
        throw new Error('builder changed');
    const { talking: _talking, ...older } = answered;
    return JSON.stringify(older);
}
describe('cards as stored', () => {
    it('reads a card written before `talking` existed as talking to its answerer, and pages get that JSON', () => {
        const read = readStoredCard(olderCard());
        expect(read?.card.talking).toEqual(['203']);
        expect(JSON.parse(read?.json ?? '{}')).toMatchObject({ talking: ['203'] });
        if (!read)
            return;
        expect([...concernedExtensions(read.card)].sort()).toEqual(['202', '203']);
        expect(cardView(read.card, { extension: '203', role: 'operator' })).toBe('talking');
    });
    it('keeps a current card and its JSON as they are, and skips what is no card', () => {
        const [ringing] = inboundAnsweredEvents({ rang: ['201'] }).map(toConsoleCard);
        const json = JSON.stringify(ringing);
        expect(readStoredCard(json)?.json).toBe(json);
        expect(readStoredCard('{"callId": 5}')).toBeNull();
        expect(readStoredCard('not json')).toBeNull();
        const entries = toCardEntries([['1-0', ['card', 'junk']], ['2-0', ['card', olderCard()]], ['3-0', ['other', json]], ['4-0', ['card', json]]]);
        expect(entries.map((e) => e.id)).toEqual(['2-0', '4-0']);
    });
});
