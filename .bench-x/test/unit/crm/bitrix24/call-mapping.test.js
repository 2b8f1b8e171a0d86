import { describe, expect, it } from 'vitest';
import { callType, crmEntityTypeForCall, isoDate, phoneForTelephony, statusCode } from '../../../../src/crm/bitrix24/call-mapping.js';
import { toPhpQuery } from '../../../../src/crm/bitrix24/php-query.js';
import { BatchRef, toBatchCommand, unpackBatch } from '../../../../src/crm/bitrix24/batch-envelope.js';
import { parsePhpQuery } from '../../../../harness/crm/bitrix24-emulator-form.js';
describe('Bitrix24 call mapping', () => {
    it('maps dispositions to finish STATUS_CODE', () => {
        expect(statusCode('answered', 16)).toBe('200');
        expect(statusCode('missed', 19)).toBe('304');
        expect(statusCode('noanswer', 19)).toBe('304');
        expect(statusCode('busy', 17)).toBe('486');
        expect(statusCode('busy', 21)).toBe('603');
        expect(statusCode('cancelled', 16)).toBe('603-S');
        expect(statusCode('failed', 1)).toBe('404');
        expect(statusCode('failed', 34)).toBe('503');
    });
    it('maps register TYPE: 1 outgoing, 2 incoming, 4 callback', () => {
        expect(callType({ direction: 'outbound', isCallback: false })).toBe(1);
        expect(callType({ direction: 'inbound', isCallback: false })).toBe(2);
        expect(callType({ direction: 'outbound', isCallback: true })).toBe(4);
    });
    it('writes ISO-8601 dates with an offset and strips numbers like register does', () => {
        expect(isoDate(Date.parse('2026-03-07T10:20:30.456Z'))).toBe('2026-03-07T10:20:30+00:00');
        expect(phoneForTelephony('+7 (999) 123-45-67', '0000')).toBe('+79991234567');
        expect(phoneForTelephony('anonymous', '0000')).toBe('0000');
    });
    it('binds calls to contacts, companies and leads but not deals', () => {
        expect(crmEntityTypeForCall({ kind: 'lead', id: '7' })).toEqual({ CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: '7' });
        expect(crmEntityTypeForCall({ kind: 'deal', id: '7' })).toBeNull();
    });
});
describe('batch envelope', () => {
    it('encodes commands PHP-style and round-trips through the PHP decoder', () => {
        const params = { CALL_ID: 'externalCall.a.1', USER_ID: ['5', '6'], fields: { PHONE: [{ VALUE: '+7 999', VALUE_TYPE: 'WORK' }] }, skip: undefined };
        expect(toPhpQuery({ USER_ID: ['5'] })).toBe('USER_ID%5B0%5D=5');
        const cmd = toBatchCommand('telephony.externalcall.show', params);
        const [method, query = ''] = cmd.split('?');
        expect(method).toBe('telephony.externalcall.show');
        expect(parsePhpQuery(query)).toEqual({ CALL_ID: 'externalCall.a.1', USER_ID: ['5', '6'], fields: { PHONE: [{ VALUE: '+7 999', VALUE_TYPE: 'WORK' }] } });
    });
    it('maps batch results and errors back to each command, in order', () => {
        const reply = {
            ok: true, total: null, next: null, body: {},
            result: { result: { c0: { CALL_ID: 'x' }, c2: [1] }, result_error: { c1: { error: '', error_description: 'User is not found or is not active' } }, result_total: { c2: 120 }, result_next: { c2: 50 }, result_time: [] },
        };
        const [a, b, c] = unpackBatch(reply, [{ key: 'c0', method: 'register' }, { key: 'c1', method: 'finish' }, { key: 'c2', method: 'user.get' }]);
        expect(a).toMatchObject({ ok: true, result: { CALL_ID: 'x' } });
        expect(b).toEqual({ ok: false, failure: { method: 'finish', code: '', description: 'User is not found or is not active', status: null } });
        expect(c).toMatchObject({ ok: true, result: [1], total: 120, next: 50 });
    });
    it('writes a BatchRef as a $result reference to the earlier command of its chain', () => {
        const cmd = toBatchCommand('telephony.externalcall.show', { CALL_ID: new BatchRef(0, ['CALL_ID']), USER_ID: ['6'] }, (step) => `c3_${step}`);
        const [, query = ''] = cmd.split('?');
        expect(parsePhpQuery(query)).toEqual({ CALL_ID: '$result[c3_0][CALL_ID]', USER_ID: ['6'] });
    });
    it('writes a BatchRef at any depth, and a whole-result reference without a path (a deal bound to a new contact)', () => {
        const cmd = toBatchCommand('crm.deal.add', { fields: { TITLE: 'x', CONTACT_ID: new BatchRef(0, []) } }, (step) => `c1_${step}`);
        const [, query = ''] = cmd.split('?');
        expect(parsePhpQuery(query)).toEqual({ fields: { TITLE: 'x', CONTACT_ID: '$result[c1_0]' } });
    });
});
