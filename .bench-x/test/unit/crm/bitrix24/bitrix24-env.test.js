import { describe, expect, it } from 'vitest';
import { bitrix24Crm } from '../../../../src/crm/bitrix24/bitrix24-crm.js';
describe('Bitrix24 settings', () => {
    it('reads an inbound webhook URL and lists its secret for redaction', () => {
        const c = bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/1/abcdef123456' });
        expect(c.auth).toEqual({ kind: 'webhook', baseUrl: 'https://acme.bitrix24.ru/rest/1/abcdef123456/', secret: 'abcdef123456' });
        expect(c.secrets).toContain('abcdef123456');
        expect(c.budget).toEqual({ ratePerSec: 2, burst: 50 });
        expect(c.batch).toEqual({ windowMs: 30, maxCommands: 50, maxInFlight: 2 });
    });
    it('reads a local application (OAuth)', () => {
        const c = bitrix24Crm.settingsFrom({ BITRIX24_PORTAL_URL: 'https://acme.bitrix24.ru/', BITRIX24_CLIENT_ID: 'local.1', BITRIX24_CLIENT_SECRET: 'cs-123456', BITRIX24_REFRESH_TOKEN: 'rt-123456' });
        expect(c.auth).toMatchObject({ kind: 'oauth', restUrl: 'https://acme.bitrix24.ru/rest/', oauthUrl: 'https://oauth.bitrix.info/oauth/token/' });
        expect(c.secrets).toEqual(['cs-123456', 'rt-123456']);
    });
    it('names every problem by variable', () => {
        expect(() => bitrix24Crm.settingsFrom({})).toThrow(/BITRIX24_WEBHOOK_URL: set it/);
        expect(() => bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: 'http://acme.bitrix24.ru/rest/1/x/' })).toThrow(/requires https/);
        expect(() => bitrix24Crm.settingsFrom({ BITRIX24_CLIENT_ID: 'a' })).toThrow(/BITRIX24_CLIENT_SECRET: required/);
        expect(() => bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.ru/rest/1/x/', BITRIX24_BATCH_MAX: '51' })).toThrow(/BITRIX24_BATCH_MAX/);
    });
    it('keeps its event handler\'s settings in its own slice, the application token a secret', () => {
        const url = 'https://acme.bitrix24.ru/rest/1/abcdef123456';
        const c = bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: url, BITRIX24_APPLICATION_TOKEN: 'app-token-778899', BITRIX24_CALLBACK_EXTENSION: '209' });
        expect(c.events).toEqual({ applicationToken: 'app-token-778899', memberId: null, callbackExtension: '209' });
        expect(c.secrets).toContain('app-token-778899');
        expect(bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: url }).events).toEqual({ applicationToken: null, memberId: null, callbackExtension: null });
        expect(() => bitrix24Crm.settingsFrom({ BITRIX24_WEBHOOK_URL: url, BITRIX24_APPLICATION_TOKEN: 'short' })).toThrow(/BITRIX24_APPLICATION_TOKEN: the application_token/);
    });
});
