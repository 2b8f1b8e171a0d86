import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/http-error.js';
import { makeGuard } from './call-control-app.js';
function refusal(fn) {
    try {
        fn();
    }
    catch (err) {
        if (err instanceof HttpError)
            return { status: err.statusCode, code: err.code, message: err.message };
        throw err;
    }
    throw new Error('expected a refusal');
}
describe('DialGuard', () => {
    const guard = makeGuard();
    it.each(['84951112233', '+74951112233', '+7 (900) 123-45-67', '89001234567', '202'])('lets a national or internal number through: %s', (to) => {
        expect(guard.check({ extension: '201', to }).to).toMatch(/^\+?\d+$/);
    });
    it('strips spaces, brackets and dashes before the number reaches Exten', () => {
        expect(makeGuard({ numberFormat: 'e164' }).check({ extension: '201', to: '+7 (900) 123-45-67' }).to).toBe('+79001234567');
    });
    it.each([
        ['national', '+74951112233', '84951112233'], ['national', '74951112233', '84951112233'], ['national', '84951112233', '84951112233'],
        ['digits', '+74951112233', '74951112233'], ['digits', '8 (495) 111-22-33', '74951112233'],
        ['e164', '84951112233', '+74951112233'], ['e164', '74951112233', '+74951112233'],
        ['national', '202', '202'], ['digits', '2200', '2200'], ['e164', '202', '202'],
    ])('writes the number in the PBX format (%s): %s -> %s', (numberFormat, to, exten) => {
        expect(makeGuard({ numberFormat }).check({ extension: '201', to }).to).toBe(exten);
    });
    it('writes an allowed foreign number with the international prefix of DEFAULT_COUNTRY in national format', () => {
        const open = makeGuard({ allowInternational: true, denyPatterns: [] });
        expect(open.check({ extension: '201', to: '+442079460000' }).to).toBe('81044' + '2079460000');
        expect(makeGuard({ allowInternational: true, denyPatterns: [], defaultCountry: 'DE' }).check({ extension: '201', to: '+442079460000' }).to).toBe('00442079460000');
        expect(makeGuard({ defaultCountry: 'DE' }).check({ extension: '201', to: '+4930123456' }).to).toBe('030123456');
    });
    it.each(['112', '911', '999', '101', '102', '103', '104', '01', '02', '03', '04', '+112', '1 1 2'])('never dials the emergency number %s (403 emergency_number)', (to) => {
        expect(refusal(() => guard.check({ extension: '201', to }))).toMatchObject({ status: 403, code: 'emergency_number' });
        const allowAll = makeGuard({ allowPatterns: ['.*'], denyPatterns: [] });
        expect(refusal(() => allowAll.check({ extension: '201', to }))).toMatchObject({ status: 403, code: 'emergency_number' });
    });
    it.each(['+78095551234', '88095551234', '78095551234', '+7 (809) 555-12-34', '88035551234', '+78035551234', '78035551234'])('never dials the premium-rate number %s (403 premium_number), not even when an allow pattern covers it', (to) => {
        expect(refusal(() => guard.check({ extension: '201', to }))).toMatchObject({ status: 403, code: 'premium_number' });
        const allowRu = makeGuard({ allowPatterns: ['^(\\+?7|8)\\d{10}$'] });
        expect(refusal(() => allowRu.check({ extension: '201', to }))).toMatchObject({ status: 403, code: 'premium_number' });
        if (!to.startsWith('8')) { // 7809… and +7809… are Russian premium numbers from anywhere
            expect(refusal(() => makeGuard({ defaultCountry: 'DE', allowInternational: true }).check({ extension: '201', to })).code).toBe('premium_number');
        }
    });
    it('still dials toll-free and ordinary numbers next to the premium ranges', () => {
        for (const to of ['88001234567', '88121234567', '+78001234567', '78121234567'])
            expect(guard.check({ extension: '201', to }).to).toMatch(/^8(800|812)/);
    });
    it.each([
        ['CR/LF injection in the number', '84951112233\r\nAction: Command'],
        ['letters', '8495CALLME'],
        ['dial-string separators', '84951112233&PJSIP/evil'],
        ['too long', '1234567890123456'],
        ['too short', '12'],
    ])('refuses a malformed destination (%s) with 400', (_what, to) => {
        expect(refusal(() => guard.check({ extension: '201', to }))).toMatchObject({ status: 400, code: 'invalid_number' });
    });
    it.each([
        ['international E.164', '+442079460000'],
        ['international via 810', '810442079460000'],
        ['international via 00', '00442079460000'],
        ['an invalid long number', '+999123456789'],
    ])('refuses %s with 403', (_what, to) => {
        expect(refusal(() => guard.check({ extension: '201', to }))).toMatchObject({ status: 403, code: 'destination_denied' });
    });
    it('allows international numbers only when DIAL_ALLOW_INTERNATIONAL is on, and never premium ones', () => {
        const open = makeGuard({ allowInternational: true, denyPatterns: [], numberFormat: 'e164' });
        expect(open.check({ extension: '201', to: '+442079460000' }).to).toBe('+442079460000');
        expect(refusal(() => open.check({ extension: '201', to: '88095551234' })).code).toBe('premium_number');
    });
    it('with DIAL_ALLOW_PATTERNS, dials only numbers that match one', () => {
        const strict = makeGuard({ allowPatterns: ['^8495\\d{7}$'] });
        expect(strict.check({ extension: '201', to: '84951112233' }).to).toBe('84951112233');
        expect(refusal(() => strict.check({ extension: '201', to: '89001234567' })).code).toBe('destination_denied');
    });
    it('deny patterns win over allow patterns', () => {
        const g = makeGuard({ allowPatterns: ['.*'], denyPatterns: ['^8809'] });
        expect(refusal(() => g.check({ extension: '201', to: '88095551234' })).status).toBe(403);
    });
    it('originates only from known extensions', () => {
        expect(refusal(() => guard.check({ extension: '299', to: '84951112233' }))).toMatchObject({ status: 422, code: 'unknown_extension' });
        expect(refusal(() => guard.check({ extension: '201\r\nAction: Command', to: '84951112233' })).status).toBe(400);
        expect(refusal(() => guard.check({ extension: 'PJSIP/trunk', to: '84951112233' })).status).toBe(400);
        const byPattern = makeGuard({ knownExtensions: [], knownExtensionPattern: '^2\\d\\d$' });
        expect(byPattern.check({ extension: '245', to: '84951112233' }).extension).toBe('245');
        expect(refusal(() => byPattern.check({ extension: '345', to: '84951112233' })).status).toBe(422);
    });
    it.each([
        ['a dialplan function as a name', { 'SHELL(rm -rf /)': 'x' }],
        ['an inherited name', { __EVIL: 'x' }],
        ['a reserved CRM_ name', { CRM_CALL_ID: 'other' }],
        ['CR/LF in a value', { NOTE: 'a\r\nAction: Command' }],
        ['a comma in a value', { NOTE: 'a,b' }],
    ])('refuses variables with %s', (_what, variables) => {
        expect(refusal(() => guard.check({ extension: '201', to: '84951112233', variables })).code).toBe('invalid_variables');
    });
    it('refuses too many variables', () => {
        const variables = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`V${i}`, 'x']));
        expect(refusal(() => guard.check({ extension: '201', to: '84951112233', variables })).code).toBe('invalid_variables');
    });
    it.each(['"Evil" <911>', 'name\r\nAction: Command', 'x'.repeat(41)])('refuses a caller id name that could break CallerID: %j', (name) => {
        expect(refusal(() => guard.check({ extension: '201', to: '84951112233', callerIdName: name })).code).toBe('invalid_caller_id');
    });
    it('refuses a CRM call id with characters outside its grammar', () => {
        expect(refusal(() => guard.check({ extension: '201', to: '84951112233', crmCallId: 'a b\r\n' })).code).toBe('invalid_crm_call_id');
        expect(guard.check({ extension: '201', to: '84951112233', crmCallId: 'externalCall.89ab.1773236989' }).crmCallId)
            .toBe('externalCall.89ab.1773236989');
    });
    it('never echoes a refused value in the message', () => {
        const r = refusal(() => guard.check({ extension: '201', to: '+442079460000' }));
        expect(r.message).not.toContain('442079460000');
    });
});
