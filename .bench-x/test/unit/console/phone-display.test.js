import { describe, expect, it } from 'vitest';
import { displayPhone } from '../../../src/console/phone-display.js';
describe('displayPhone', () => {
    it.each([
        ['+74951234567', '+7 495 123-45-67'],
        ['74951234567', '+7 495 123-45-67'],
        ['+79261112233', '+7 926 111-22-33'],
        ['+31201234567', '+31 20 123 4567'],
        ['+442071234567', '+44 20 7123 4567'],
    ])('%s is shown as %s', (raw, shown) => {
        expect(displayPhone(raw)).toBe(shown);
    });
    it('leaves what is not a phone number as it is', () => {
        expect(displayPhone('201')).toBe('201');
        expect(displayPhone('anonymous')).toBe('anonymous');
        expect(displayPhone(null)).toBe('');
    });
    it('gives the same text again, also after the kept answers were emptied (more numbers than it keeps)', () => {
        expect(displayPhone('74951234567')).toBe('+7 495 123-45-67');
        for (let i = 0; i < 5200; i += 1)
            expect(displayPhone(`7495${String(1_000_000 + i)}`)).toMatch(/^\+7 495 \d{3}-\d{2}-\d{2}$/);
        expect(displayPhone('74951234567')).toBe('+7 495 123-45-67');
        expect(displayPhone('201')).toBe('201');
    });
});
