import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone, maskPhonesInLine } from '../../../src/log.js';
describe('phone numbers in logs', () => {
    it('keeps the country and area digits and the last four', () => {
        expect(maskPhone('+79261232233')).toBe('+7926***2233');
        expect(maskPhone('89261232233')).toBe('8926***2233');
        expect(maskPhone('+31201234')).toBe('+3***1234');
        expect(maskPhone('201')).toBe('***');
    });
    it('masks numbers in fields and text at info and above, not at debug', () => {
        const line = '{"level":40,"phone":"89261232233","msg":"lookup of +79261232233 failed","time":1795413735221}';
        expect(maskPhonesInLine(line)).toBe('{"level":40,"phone":"8926***2233","msg":"lookup of +7926***2233 failed","time":1795413735221}');
        const debug = '{"level":20,"phone":"+79261232233"}';
        expect(maskPhonesInLine(debug)).toBe(debug);
    });
    it('reaches the log through createLogger, an error message included', () => {
        const lines = [];
        const log = createLogger('debug', [], new Writable({ write(chunk, _e, done) { lines.push(chunk.toString()); done(); } }));
        log.warn({ err: new Error('number +74951234567 refused'), externalNumber: '+74951234567' }, 'call stage failed');
        log.debug({ phone: '+74951234567' }, 'looked up');
        expect(lines[0]).not.toContain('74951234567');
        expect(lines[0]).toContain('+7495***4567');
        expect(lines[1]).toContain('+74951234567');
    });
});
