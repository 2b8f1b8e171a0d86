import { describe, expect, it } from 'vitest';
import { loadBitrix24Config } from '../../../src/config/bitrix24-env.js';

describe('Bitrix24 settings', () => {
  it('reads an inbound webhook URL and lists its secret for redaction', () => {
    const c = loadBitrix24Config({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/1/abcdef123456' });
    expect(c.auth).toEqual({ kind: 'webhook', baseUrl: 'https://acme.bitrix24.ru/rest/1/abcdef123456/', secret: 'abcdef123456' });
    expect(c.secrets).toContain('abcdef123456');
    expect(c.budget).toEqual({ ratePerSec: 2, burst: 50 });
    expect(c.batch).toEqual({ windowMs: 30, maxCommands: 50, maxInFlight: 2 });
  });

  it('reads a local application (OAuth)', () => {
    const c = loadBitrix24Config({ BITRIX24_PORTAL_URL: 'https://acme.bitrix24.ru/', BITRIX24_CLIENT_ID: 'local.1', BITRIX24_CLIENT_SECRET: 'cs-123456', BITRIX24_REFRESH_TOKEN: 'rt-123456' });
    expect(c.auth).toMatchObject({ kind: 'oauth', restUrl: 'https://acme.bitrix24.ru/rest/', oauthUrl: 'https://oauth.bitrix.info/oauth/token/' });
    expect(c.secrets).toEqual(['cs-123456', 'rt-123456']);
  });

  it('names every problem by variable', () => {
    expect(() => loadBitrix24Config({})).toThrow(/BITRIX24_WEBHOOK_URL: set it/);
    expect(() => loadBitrix24Config({ BITRIX24_WEBHOOK_URL: 'http://acme.bitrix24.ru/rest/1/x/' })).toThrow(/requires https/);
    expect(() => loadBitrix24Config({ BITRIX24_CLIENT_ID: 'a' })).toThrow(/BITRIX24_CLIENT_SECRET: required/);
    expect(() => loadBitrix24Config({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/1/x/', BITRIX24_BATCH_MAX: '51' })).toThrow(/BITRIX24_BATCH_MAX/);
  });
});
