import { describe, expect, it } from 'vitest';
import { ListenerSet } from '../../../src/pbx/listener-set.js';
import { silentLogger } from '../../../src/log.js';
describe('ListenerSet', () => {
    it('keeps calling the other listeners when one throws, and unsubscribes', () => {
        const set = new ListenerSet(silentLogger());
        const seen = [];
        set.add(() => { throw new Error('boom'); });
        const off = set.add((n) => seen.push(n));
        set.emit(1);
        off();
        set.emit(2);
        expect(seen).toEqual([1]);
    });
});
