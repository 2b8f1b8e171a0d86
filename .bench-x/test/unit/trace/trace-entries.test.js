import { describe, expect, it } from 'vitest';
import { readEntries } from '../../../src/trace/trace-entries.js';
function read(element, max = 1000) {
    const out = [];
    readEntries(element, out, max);
    return out;
}
const RAW = 'R1795000000123\nEvent: Newstate\r\nPrivilege: call,all\r\nChannel: PJSIP/201-1\r\nLinkedid: 1.0\r\n\n';
const NEWSTATE = { kind: 'ami', atMs: 1795000000123, event: 'Newstate', fields: { event: 'Newstate', channel: 'PJSIP/201-1', linkedid: '1.0' } };
describe('readEntries', () => {
    it('reads JSON lines and frames as received in one element, in order', () => {
        const element = `{"kind":"tracker","atMs":1,"stage":"ringing"}\n${RAW}{"kind":"ami","atMs":2,"event":"Hangup","fields":{"privilege":"call","cause":"16"}}\n`;
        expect(read(element)).toEqual([
            { kind: 'tracker', atMs: 1, stage: 'ringing' },
            NEWSTATE,
            { kind: 'ami', atMs: 2, event: 'Hangup', fields: { cause: '16' } },
        ]);
    });
    it('reads an element of one JSON without a newline (the older layout, and CRM entries)', () => {
        expect(read('{"kind":"crm","atMs":3,"method":"telephony.externalcall.register"}')).toEqual([{ kind: 'crm', atMs: 3, method: 'telephony.externalcall.register' }]);
    });
    it('skips what does not read as an entry and goes on', () => {
        const element = `not json\n[1,2]\nnull\n{"kind":"ok","atMs":1}\nRnot-a-time\nEvent: X\r\n\nR5\nno header here\r\n\n${RAW}`;
        expect(read(element)).toEqual([{ kind: 'ok', atMs: 1 }, NEWSTATE]);
    });
    it('keeps a header named __proto__ as a field, and the first of repeated headers, as the live reader does', () => {
        const element = 'R7\nEvent: UserEvent\r\n__proto__: polluted\r\nValue: <unknown>\r\nValue: two\r\n\n';
        const [entry] = read(element);
        const fields = entry?.['fields'];
        expect(Object.keys(fields)).toEqual(['event', '__proto__', 'value']);
        expect(fields['__proto__']).toBe('polluted');
        expect(fields['value']).toBe('');
        expect({}['polluted']).toBeUndefined();
    });
    it('stops at the bound it is given', () => {
        expect(read(RAW.repeat(10), 3)).toHaveLength(3);
    });
});
