import { describe, expect, it } from 'vitest';
import { AccountExtensions } from '../../../src/calls/account-extensions.js';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { readTranscript } from '../../support/read-transcript.js';
import { CACOFONISK, endedCalls, replay } from './tracker-harness.js';
const rules = (over = {}) => ({ accounts: {}, pattern: null, template: '$1', learn: true, ...over });
describe('AccountExtensions', () => {
    it('derives extensions by the rule, and a listed account wins over it', () => {
        const a = new AccountExtensions(rules({ accounts: { '150010063': '2401' }, pattern: '^1500100(\\d\\d)$', template: '2$1' }));
        expect(a.extensionOf('150010001')).toBe('201');
        expect(a.extensionOf('150010063')).toBe('2401');
        expect(a.extensionOf('260010001')).toBeNull();
        expect(a.extensionOf('')).toBeNull();
    });
    it('a learned extension wins over the rule, never over a listed one', () => {
        const a = new AccountExtensions(rules({ accounts: { '150010063': '2401' }, pattern: '^1500100(\\d\\d)$', template: '2$1' }));
        expect(a.learn('150010012', '2412')).toBe(true);
        expect(a.learn('150010063', '263')).toBe(false);
        expect(a.extensionOf('150010012')).toBe('2412');
        expect(a.extensionOf('150010063')).toBe('2401');
    });
    it('learns nothing when learning is off, and forgets the oldest beyond its bound', () => {
        const off = new AccountExtensions(rules({ learn: false }));
        off.learn('150010001', '201');
        expect(off.extensionOf('150010001')).toBeNull();
        const small = new AccountExtensions(rules(), 2);
        small.learn('a1', '201');
        small.learn('a2', '202');
        small.learn('a3', '203');
        expect([small.extensionOf('a1'), small.extensionOf('a2'), small.extensionOf('a3')]).toEqual([null, '202', '203']);
    });
});
describe('CallTracker with account-coded phones', () => {
    const learnOnly = { ...CACOFONISK, accountExtensions: rules() };
    it('without any account setting a rung phone is named by its account', async () => {
        const out = replay(new CallTracker({ ...CACOFONISK, accountExtensions: undefined }), await readTranscript('cacofonisk/queue/queue_simple.ami'));
        expect(endedCalls(out).map((e) => e.call.answeredBy)).toEqual(['150010002']);
    });
    it('learns 202 from the phone placing a call and names it so when it is rung later', async () => {
        const tracker = new CallTracker(learnOnly);
        replay(tracker, await readTranscript('cacofonisk/xfer_attended/xfer_abbcac.ami')); // SIP/150010002 calls out as 202
        const out = replay(tracker, await readTranscript('cacofonisk/queue/queue_simple.ami'));
        expect(endedCalls(out).map((e) => e.call.answeredBy)).toEqual(['202']);
        expect(endedCalls(out).flatMap((e) => e.call.rang.map((r) => r.target))).toContain('202');
    });
});
