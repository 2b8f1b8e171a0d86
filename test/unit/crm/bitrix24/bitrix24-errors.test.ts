import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { classifyFailure } from '../../../../src/crm/bitrix24/bitrix24-errors.js';

const scrub = (t: string) => t.split('s3cr3t-hook').join('[redacted]');
const f = (code: string, status: number | null, description = '', method = 'telephony.externalcall.register') => ({ method, code, description, status });

describe('Bitrix24 error classification', () => {
  it('retries 5xx, overload and limits, keeping retryAfterMs', () => {
    expect(classifyFailure(f('INTERNAL_SERVER_ERROR', 500), 'webhook', scrub)).toBeInstanceOf(RetryableError);
    expect(classifyFailure(f('OVERLOAD_LIMIT', 503), 'webhook', scrub)).toBeInstanceOf(RetryableError);
    const limit = classifyFailure(f('QUERY_LIMIT_EXCEEDED', 503), 'webhook', scrub, 2000);
    expect(limit).toBeInstanceOf(RetryableError);
    expect((limit as RetryableError).retryAfterMs).toBe(2000);
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
});
