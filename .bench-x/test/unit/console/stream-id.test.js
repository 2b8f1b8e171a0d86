import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId } from '../../../src/console/stream-id.js';
describe('stream ids', () => {
    it('compares by time, then by sequence, as numbers', () => {
        expect(compareStreamIds('1700000000000-0', '1700000000000-1')).toBeLessThan(0);
        expect(compareStreamIds('1700000000001-0', '1700000000000-9')).toBeGreaterThan(0);
        expect(compareStreamIds('999-10', '999-9')).toBeGreaterThan(0);
        expect(compareStreamIds('5-5', '5-5')).toBe(0);
        expect(compareStreamIds('0005-5', '5-5')).toBe(0);
        expect(compareStreamIds('10-0', '9-99')).toBeGreaterThan(0);
        expect(compareStreamIds('9007199254740993-1', '9007199254740992-1')).toBeGreaterThan(0); // past 2^53: digits, not floats
    });
    it('agrees with comparing as big integers, and reads a malformed id as 0-0', () => {
        const ids = ['0-0', '0-1', '1-0', '9-9', '10-0', '99-100', '100-99', '1700000000000-0', '1700000000000-12', '1700000000001-3', '0001-2'];
        const big = (id) => id.split('-').map(BigInt);
        for (const a of ids) {
            for (const b of ids) {
                const [am, as] = big(a);
                const [bm, bs] = big(b);
                const expected = am === bm ? (as === bs ? 0 : as < bs ? -1 : 1) : am < bm ? -1 : 1;
                expect(Math.sign(compareStreamIds(a, b)), `${a} vs ${b}`).toBe(expected);
            }
        }
        for (const bad of ['', '$', '1-2-3', '12345678901234567-0', 'a-1']) {
            expect(compareStreamIds(bad, '0-0')).toBe(0);
            expect(compareStreamIds(bad, '0-1')).toBeLessThan(0);
        }
    });
    it('accepts only <ms>-<seq>', () => {
        expect(isStreamId('1700000000000-3')).toBe(true);
        for (const bad of ['', '$', '+', '1700000000000', '1-2-3', '../1-2', '1-2\n'])
            expect(isStreamId(bad)).toBe(false);
    });
});
