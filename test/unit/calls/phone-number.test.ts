import { describe, expect, it } from 'vitest';
import { isInternalNumber, normalizePhoneNumber } from '../../../src/calls/phone-number.js';

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
