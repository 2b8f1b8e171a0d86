import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiActionError } from '../../../src/pbx/ami-client.js';
import { validateActionFields } from '../../../src/pbx/action-value.js';
import { buildOriginateFields } from '../../../src/pbx/originate.js';
function kindOf(fn) {
    try {
        fn();
        return null;
    }
    catch (err) {
        return err instanceof AmiActionError ? err.kind : 'other';
    }
}
const baseRequest = {
    channel: 'Local/201@internal-originate', context: 'all_peers', exten: '79001234567', channelId: 'c2c-7f3e', otherChannelId: 'c2c-7f3e-2',
};
describe('validateActionFields', () => {
    it('accepts ordinary values, including empty ones and a Variable list', () => {
        expect(kindOf(() => validateActionFields('Originate', { Channel: 'PJSIP/201', Variable: ['A=1', 'B=2'], Account: '' }))).toBeNull();
    });
    it.each(['79001234567\r\nAction: Command', 'x\ny', 'x\rAction: Logoff', 'nul\u0000', 'tab\tvalue', 'del\u007f'])('rejects the control characters in %j', (value) => {
        expect(kindOf(() => validateActionFields('Originate', { Exten: value }))).toBe('invalid-value');
        expect(kindOf(() => validateActionFields('Originate', { Variable: ['A=1', `B=${value}`] }))).toBe('invalid-value');
    });
    it('rejects CR or LF anywhere in any value (property)', () => {
        fc.assert(fc.property(fc.string(), fc.constantFrom('\r', '\n', '\r\n'), fc.string(), (a, eol, b) => kindOf(() => validateActionFields('Ping', { Any: `${a}${eol}${b}` })) === 'invalid-value'));
    });
    it('rejects bad keys, bad action names and the reserved ActionID', () => {
        expect(kindOf(() => validateActionFields('Ping', { 'Bad Key': 'x' }))).toBe('invalid-value');
        expect(kindOf(() => validateActionFields('Ping', { 'Key\r\nAction': 'x' }))).toBe('invalid-value');
        expect(kindOf(() => validateActionFields('Ping\r\n', {}))).toBe('invalid-value');
        expect(kindOf(() => validateActionFields('Ping', { ActionID: 'mine' }))).toBe('invalid-value');
    });
    it('names the key but never echoes the value in its message', () => {
        try {
            validateActionFields('Login', { Secret: 'hunter2\r\n' });
        }
        catch (err) {
            expect(String(err)).toContain('Secret');
            expect(String(err)).not.toContain('hunter2');
        }
    });
});
describe('buildOriginateFields', () => {
    it('builds the docs/asterisk-ami.md §7 recipe: Async, ChannelId, Timeout in ms, CallerID and Variables', () => {
        expect(buildOriginateFields({
            ...baseRequest, callerId: { number: '79001234567', name: 'CRM' }, variables: { pt1c_cid: '79001234567', __CRM_REQUEST_ID: 'c2c-7f3e' },
        })).toEqual({
            Channel: 'Local/201@internal-originate', Context: 'all_peers', Exten: '79001234567', Priority: '1', Async: 'true',
            Timeout: '30000', ChannelId: 'c2c-7f3e', OtherChannelId: 'c2c-7f3e-2', CallerID: '"CRM" <79001234567>',
            Variable: ['pt1c_cid=79001234567', '__CRM_REQUEST_ID=c2c-7f3e'],
        });
    });
    it.each([
        ['exten with CR/LF', { exten: '7900\r\nAction: Command' }],
        ['exten with letters', { exten: '7900abc' }],
        ['exten too long', { exten: '+1234567890123456' }],
        ['channel with spaces', { channel: 'Local/201 @x' }],
        ['channel of an unknown technology', { channel: 'Console/dsp' }],
        ['context with a slash', { context: 'a/b' }],
        ['channelId with a colon', { channelId: 'c2c:1' }],
        ['callerId name with a quote', { callerId: { number: '201', name: 'a"b' } }],
        ['variable value with LF', { variables: { A: 'x\ny' } }],
        ['variable name with =', { variables: { 'A=B': 'x' } }],
        ['priority 0', { priority: 0 }],
        ['timeout too short', { timeoutMs: 10 }],
    ])('rejects %s', (_name, patch) => {
        expect(kindOf(() => buildOriginateFields({ ...baseRequest, ...patch }))).toBe('invalid-value');
    });
    it('takes a plain number as callerId', () => {
        expect(buildOriginateFields({ ...baseRequest, callerId: '201' })['CallerID']).toBe('<201>');
        expect(() => buildOriginateFields({ ...baseRequest, callerId: '201\r\nAction: Logoff' })).toThrow(AmiActionError);
    });
    it('accepts internal extensions and feature codes', () => {
        expect(buildOriginateFields({ ...baseRequest, exten: '201' })['Exten']).toBe('201');
        expect(buildOriginateFields({ ...baseRequest, exten: '*8' })['Exten']).toBe('*8');
        expect(buildOriginateFields({ ...baseRequest, exten: '+79001234567' })['Exten']).toBe('+79001234567');
    });
});
