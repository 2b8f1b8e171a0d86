import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { SIGN_IN_DOCS, classifyFailure, networkError } from '../../../../src/crm/bitrix24/bitrix24-errors.js';
const scrub = (t) => t.split('s3cr3t-hook').join('[redacted]');
const f = (code, status, description = '', method = 'telephony.externalcall.register') => ({ method, code, description, status });
describe('Bitrix24 error classification', () => {
    it('retries 5xx, overload and limits, keeping retryAfterMs', () => {
        expect(classifyFailure(f('INTERNAL_SERVER_ERROR', 500), 'webhook', scrub)).toBeInstanceOf(RetryableError);
        expect(classifyFailure(f('OVERLOAD_LIMIT', 503), 'webhook', scrub)).toBeInstanceOf(RetryableError);
        const limit = classifyFailure(f('QUERY_LIMIT_EXCEEDED', 503), 'webhook', scrub, 2000);
        expect(limit).toBeInstanceOf(RetryableError);
        expect(limit.retryAfterMs).toBe(2000);
    });
    it('names the scope to add for insufficient_scope', () => {
        const err = classifyFailure(f('insufficient_scope', 403, '', 'crm.contact.add'), 'webhook', scrub);
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.message).toContain('lacks the "crm" scope');
    });
    it('names the setting to fix for bad credentials, per auth mode', () => {
        expect(classifyFailure(f('INVALID_CREDENTIALS', 401), 'webhook', scrub).message).toContain('BITRIX24_WEBHOOK_URL');
        expect(classifyFailure(f('invalid_token', 401), 'oauth', scrub).message).toContain('BITRIX24_REFRESH_TOKEN');
        expect(classifyFailure(f('WRONG_AUTH_TYPE', 403), 'webhook', scrub)).toBeInstanceOf(PermanentError);
    });
    it('treats unknown methods and bad parameters (even with an empty code) as permanent, scrubbed', () => {
        expect(classifyFailure(f('ERROR_METHOD_NOT_FOUND', 404), 'webhook', scrub).message).toContain('method not found');
        const err = classifyFailure(f('', 400, 'bad value s3cr3t-hook'), 'webhook', scrub);
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.message).not.toContain('s3cr3t-hook');
    });
    it('WRONG_AUTH_TYPE on a webhook says to use a local application (OAuth) and links the docs', () => {
        const err = classifyFailure(f('WRONG_AUTH_TYPE', 401, 'Current authorization type is denied for this method'), 'webhook', scrub);
        expect(err.message).toContain('telephony.externalcall.register failed (WRONG_AUTH_TYPE)');
        expect(err.message).toContain('create a local application (OAuth)');
        expect(err.message).toContain('BITRIX24_CLIENT_ID');
        expect(err.message).toContain(SIGN_IN_DOCS);
    });
    it('every error names the method, the portal\'s code and what fixes it', () => {
        const fixes = /BITRIX24_|Bitrix24 \(Developer resources\)|local application|retried later|npm run jobs|give the user/;
        const cases = [
            f('INVALID_CREDENTIALS', 401), f('insufficient_scope', 403, '', 'crm.contact.add'), f('ACCESS_DENIED', 403, 'no rights'),
            f('ERROR_METHOD_NOT_FOUND', 404), f('ERROR_CORE', 400, 'User is not found or is not active'), f('QUERY_LIMIT_EXCEEDED', 503),
            f('INTERNAL_SERVER_ERROR', 500), f('WRONG_AUTH_TYPE', 401),
        ];
        for (const c of cases) {
            for (const mode of ['webhook', 'oauth']) {
                const message = classifyFailure(c, mode, scrub).message;
                expect(message, `${c.code} (${mode})`).toContain(`Bitrix24 ${c.method} failed (${c.code})`);
                expect(message, `${c.code} (${mode})`).toMatch(fixes);
            }
        }
        const net = networkError('batch', 'ECONNREFUSED', undefined, 'b24.example:443').message;
        expect(net).toContain('Bitrix24 batch request failed (ECONNREFUSED)');
        expect(net).toContain('BITRIX24_WEBHOOK_URL');
    });
});
