import { describe, expect, it } from 'vitest';
import { safeCallId } from '../../../src/calls/tracker-core.js';
describe('safeCallId', () => {
    it('leaves Asterisk Linkedids as they are and keeps every other one apart, with no colon', () => {
        expect(safeCallId('1795413735.0')).toBe('1795413735.0');
        expect(safeCallId('07b796be1962-1529998959.65')).toBe('07b796be1962-1529998959.65');
        const odd = ['a:b', 'a_b', 'a~cb', 'a~b', 'a~~b', 'a::b', ':', '~', '~c'];
        const ids = odd.map(safeCallId);
        expect(new Set(ids).size).toBe(odd.length);
        for (const id of ids)
            expect(id).not.toContain(':');
    });
});
