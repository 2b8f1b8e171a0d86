import { describe, expect, it } from 'vitest';
import { isInternalNumber, isWithheldNumber, normalizePhoneNumber, toExternalNumber } from '../../../src/calls/phone-number.js';
describe('normalizePhoneNumber', () => {
    it.each([
        ['74951234567', 'RU', '+74951234567'],
        ['84951112233', 'RU', '+74951112233'],
        ['+7 (495) 123-45-67', 'RU', '+74951234567'],
        ['+31150010001', 'NL', '+31150010001'],
        ['0612345678', 'NL', '+31612345678'],
        ['0031612345678', 'NL', '+31612345678'],
    ])('%s in %s → %s', (raw, country, e164) => {
        expect(normalizePhoneNumber(raw, country)).toBe(e164);
    });
    it.each([[''], ['anonymous'], ['201'], ['ID730151']])('%s is not a phone number', (raw) => {
        expect(normalizePhoneNumber(raw, 'RU')).toBeNull();
    });
});
describe('isInternalNumber', () => {
    it('accepts digits up to the internal length only', () => {
        expect(isInternalNumber('201', 4)).toBe(true);
        expect(isInternalNumber('2401', 4)).toBe(true);
        expect(isInternalNumber('24011', 4)).toBe(false);
        expect(isInternalNumber('', 4)).toBe(false);
        expect(isInternalNumber('+201', 4)).toBe(false);
        expect(isInternalNumber('ID73', 4)).toBe(false);
    });
});
describe('toExternalNumber', () => {
    it.each([
        ['anonymous'], ['Anonymous'], ['unknown'], ['UNKNOWN'], ['<unknown>'], ['restricted'], ['Restricted'], ['private'],
        ['s'], [''], ['   '], ['Unavailable'], ['+31260xxxxxx'], ['0612XXXX'],
    ])('%j is a withheld caller id: no number', (raw) => {
        expect(isWithheldNumber(raw)).toBe(true);
        expect(toExternalNumber(raw, 'RU')).toBeNull();
    });
    it.each([
        ['79261112233', '+79261112233'], [' +7 (926) 111-22-33 ', '+79261112233'], ['112', '112'], ['ID730151', 'ID730151'],
    ])('%j is kept as a number (%s)', (raw, expected) => {
        expect(isWithheldNumber(raw)).toBe(false);
        expect(toExternalNumber(raw, 'RU')).toBe(expected);
    });
});
