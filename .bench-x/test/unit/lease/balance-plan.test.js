import { describe, expect, it } from 'vitest';
import { fairShares, handoffValue, holderOf, planRound } from '../../../src/lease/balance-plan.js';
const KEYS = Array.from({ length: 12 }, (_, i) => `k${String(i).padStart(2, '0')}`);
function input(owners, over = {}) {
    const me = over.me ?? 'a';
    const values = new Map(KEYS.slice(0, owners.length).map((k, i) => [k, owners[i] ?? null]));
    return {
        me, live: ['a', 'b', 'c'].map((id) => ({ id, releasing: 0 })), values, freeBefore: new Set(), releasing: false,
        held: new Set([...values].filter(([, v]) => v === me).map(([k]) => k)), ...over,
    };
}
const repeat = (id, n) => Array.from({ length: n }, () => id);
describe('fairShares', () => {
    it('splits evenly, the extra leases to the first ids in sorted order', () => {
        expect([...fairShares(['c', 'a', 'b'], 12)]).toEqual([['a', 4], ['b', 4], ['c', 4]]);
        expect([...fairShares(['d', 'c', 'a', 'b'], 14)]).toEqual([['a', 4], ['b', 4], ['c', 3], ['d', 3]]);
        expect([...fairShares(['a'], 0)]).toEqual([['a', 0]]);
        expect(fairShares([], 5).size).toBe(0);
    });
});
describe('planRound', () => {
    it('takes free keys up to its share at once, the rest only once they stayed free a round', () => {
        const plan = planRound(input(repeat(null, 12)));
        expect(plan.share).toBe(4);
        expect(plan.take).toHaveLength(4);
        const later = planRound(input(repeat(null, 12), { freeBefore: new Set(KEYS) }));
        expect(later.take).toHaveLength(12);
    });
    it('deals a dead instance\'s keys out to the survivors so they take different ones in the same round', () => {
        // x held k00–k03 and is gone; b and c hold four each and both miss two of their new share of six
        const owners = [...repeat(null, 4), ...repeat('b', 4), ...repeat('c', 4)];
        const live = ['b', 'c'].map((id) => ({ id, releasing: 0 }));
        const b = planRound(input(owners, { me: 'b', live }));
        const c = planRound(input(owners, { me: 'c', live }));
        expect(b.take).toEqual(['k00', 'k01']);
        expect(c.take).toEqual(['k02', 'k03']);
    });
    it('takes back at once a key it holds that has no value any more, counting it in its share', () => {
        const owners = [...repeat('a', 3), ...repeat(null, 9)];
        const plan = planRound(input(owners, { held: new Set(KEYS.slice(0, 4)) }));
        expect(plan.take).toEqual(['k03']);
    });
    it('releases one lease when above its share and another instance is below', () => {
        const plan = planRound(input([...repeat('a', 8), ...repeat('b', 4)]));
        expect(plan.release).toBe('k07');
        expect(planRound(input([...repeat('a', 8), ...repeat('b', 4)], { releasing: true })).release).toBeNull();
    });
    it('does not release while a free or handed-off key already fills the gap', () => {
        expect(planRound(input([...repeat('a', 4), ...repeat('b', 4), ...repeat('c', 3), null])).release).toBeNull();
        expect(planRound(input([...repeat('a', 4), ...repeat('b', 4), ...repeat('c', 3), handoffValue('b')])).release).toBeNull();
        // c misses two, one is free: a releases one
        expect(planRound(input([...repeat('a', 5), ...repeat('b', 4), ...repeat('c', 2), null])).release).toBe('k04');
    });
    it('releases for a gap the others are not already filling', () => {
        const gapOfTwo = [...repeat('a', 5), ...repeat('b', 5), ...repeat('c', 2)];
        expect(planRound(input(gapOfTwo)).release).not.toBeNull();
        expect(planRound(input(gapOfTwo, { me: 'b' })).release).not.toBeNull();
        const live = [{ id: 'a', releasing: 0 }, { id: 'b', releasing: 1 }, { id: 'c', releasing: 0 }];
        expect(planRound(input(gapOfTwo, { live })).release).not.toBeNull(); // b's release fills one, a fills the other
        expect(planRound(input([...repeat('a', 4), ...repeat('b', 4), ...repeat('c', 4)])).release).toBeNull();
    });
    it('takes a handed-off key only when below its share, never its own', () => {
        const owners = [...repeat('a', 4), ...repeat('b', 4), ...repeat('c', 3), handoffValue('a')];
        expect(planRound(input(owners, { me: 'c' })).takeHandoff).toEqual(['k11']);
        expect(planRound(input(owners, { me: 'b' })).takeHandoff).toEqual([]);
        const own = [...repeat('a', 3), ...repeat('b', 4), ...repeat('c', 4), handoffValue('a')];
        expect(planRound(input(own)).takeHandoff).toEqual([]);
    });
    it('counts keys of instances no longer live as on their way, and the holder of a mark as nobody', () => {
        const owners = [...repeat('a', 4), ...repeat('b', 4), ...repeat('dead', 4)];
        const plan = planRound(input(owners, { live: [{ id: 'a', releasing: 0 }, { id: 'b', releasing: 0 }] }));
        expect(plan.share).toBe(6);
        expect(plan.release).toBeNull();
        expect(holderOf(handoffValue('a'))).toBeNull();
        expect(holderOf('a')).toBe('a');
    });
});
