import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFrame, parseFrameText, toAmiEvent } from '../../src/pbx/ami-normalize.js';
import { fuzzScale } from './fuzz-scale.js';
/** Pure functions: 1000 runs per property take well under a second. */
const RUNS = { numRuns: 1000 * fuzzScale() };
/** Names Object.prototype owns in lower case: they break plain-object maps (see the known-bug test below). */
const PROTO_KEYS = new Set(['constructor', '__proto__']);
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/).filter((k) => !PROTO_KEYS.has(k.toLowerCase()));
/** A value as it can sit on one AMI line: anything but CR/LF. */
const lineValue = fc.string({ maxLength: 40, unit: 'binary' }).map((s) => s.replace(/[\r\n]/g, ''));
const wellFormed = fc.array(fc.tuple(headerName, fc.oneof(lineValue, fc.constant('<unknown>'))), { maxLength: 20 });
/** Raw text with lots of separators, colons and control characters. */
const junkText = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(':', ': ', '\r\n', '\n', '\r', ' ', '=', 'Event: ', 'Response: ', 'ChanVariable: ', 'Timestamp: ', '<unknown>')), { maxLength: 40 }).map((parts) => parts.join(''));
function serialize(pairs) {
    return pairs.map(([k, v]) => `${k}: ${v}`).join('\r\n');
}
describe('AMI frame text (parseFrameText) under junk', () => {
    it('never throws; keys hold no colon or LF, values no LF (a lone CR is kept) and no trailing blanks', () => {
        fc.assert(fc.property(junkText, (text) => {
            for (const [key, value] of parseFrameText(text)) {
                expect(key).not.toMatch(/[:\n]/);
                expect(value).not.toMatch(/\n/);
                expect(value).toBe(value.trimEnd());
            }
        }), RUNS);
    });
    it('round-trips well-formed frames exactly (value trailing blanks trimmed)', () => {
        fc.assert(fc.property(wellFormed, (pairs) => {
            const expected = pairs.map(([k, v]) => [k, v.trimEnd()]);
            expect(parseFrameText(serialize(pairs))).toEqual(expected);
        }), RUNS);
    });
});
describe('AMI normalisation (normalizeFrame, toAmiEvent) under random frames', () => {
    it('first value wins in fields, every value in multi for repeated keys, <unknown> becomes empty', () => {
        fc.assert(fc.property(wellFormed, (pairs) => {
            const { fields, multi } = normalizeFrame(pairs);
            const byKey = new Map();
            for (const [k, v] of pairs)
                byKey.set(k.toLowerCase(), [...(byKey.get(k.toLowerCase()) ?? []), v === '<unknown>' ? '' : v]);
            expect(Object.keys(fields).sort()).toEqual([...byKey.keys()].sort());
            for (const [k, values] of byKey) {
                expect(fields[k]).toBe(values[0]);
                if (values.length > 1)
                    expect(multi[k]).toEqual(values);
                else
                    expect(multi[k]).toBeUndefined();
            }
        }), RUNS);
    });
    it('toAmiEvent never throws, is null exactly without a non-empty Event header, and always has a finite time', () => {
        fc.assert(fc.property(junkText, fc.integer({ min: 0, max: 4_102_444_800_000 }), (text, nowMs) => {
            const frame = parseFrameText(text);
            const ev = toAmiEvent(frame, nowMs);
            const first = frame.find(([k]) => k.toLowerCase() === 'event');
            const name = first && first[1] !== '<unknown>' ? first[1] : '';
            if (name === '') {
                expect(ev).toBeNull();
                return;
            }
            expect(ev?.name).toBe(name);
            expect(typeof ev?.timeMs).toBe('number');
        }), RUNS);
    });
    it('ignores an implausible Timestamp (1e306, negative) and uses the time of receipt', () => {
        expect(toAmiEvent(parseFrameText('Event: Hangup\r\nTimestamp: 1e306'), 1000)?.timeMs).toBe(1000);
        expect(toAmiEvent(parseFrameText('Event: Hangup\r\nTimestamp: -5'), 1000)?.timeMs).toBe(1000);
        expect(toAmiEvent(parseFrameText('Event: Hangup\r\nTimestamp: 1795413735.220880'), 1000)?.timeMs).toBe(1795413735221);
    });
    it('ChanVariable lines become vars (NAME=value, first = splits), VarSet adds Variable/Value', () => {
        const varName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((k) => !PROTO_KEYS.has(k));
        fc.assert(fc.property(fc.uniqueArray(fc.tuple(varName, lineValue), { selector: ([n]) => n, maxLength: 6 }), (vars) => {
            const lines = ['Event: VarSet', 'Variable: X_SET', 'Value: v', ...vars.map(([n, v]) => `ChanVariable: ${n}=${v}`)];
            const ev = toAmiEvent(parseFrameText(lines.join('\r\n')), 0);
            const expected = Object.fromEntries(vars.map(([n, v]) => [n, v.trimEnd()]));
            expected['X_SET'] = 'v';
            expect(ev?.vars).toEqual(expected);
        }), RUNS);
    });
    // Once a crash: with plain-object maps, `constructor`/`__proto__` headers hit Object.prototype. The maps are now
    // prototype-less, and AmiSession skips any frame that still fails to normalise.
    it.each(['constructor', '__proto__'])('an event with a `%s:` header line is normalised without throwing', (key) => {
        const ev = toAmiEvent(parseFrameText(`Event: UserEvent\r\n${key}: x`), 0);
        expect(ev?.fields[key]).toBe('x');
    });
});
