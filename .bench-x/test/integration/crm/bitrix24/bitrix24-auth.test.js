import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { freePort } from '../../../../harness/redis/private-redis.js';
import { OAUTH, startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const call = {
    callId: '1795413864.1', direction: 'inbound', phone: '+74951234567', line: null,
    startedAtMs: Date.parse('2026-11-23T06:00:00Z'), extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [],
};
describe('bitrix24 auth', () => {
    it('gets an access token with the refresh token, refreshes once on expired_token and keeps the rotated token in Redis', async () => {
        const { adapter, emu, another, lines } = await startBitrix24Setup({ mode: 'oauth' });
        const ref = await adapter.registerCall(call);
        expect(emu.oauth.refreshes).toBe(1);
        emu.expireAccessTokens();
        await Promise.all([adapter.card.show(ref, ['201']), adapter.card.hide(ref, ['202']), adapter.findByPhone('+74951234567')]);
        expect(emu.oauth.refreshes).toBe(2);
        expect(emu.oauth.refreshToken).not.toBe(OAUTH.refreshToken);
        // A second daemon starts with the (now stale) env refresh token and must use the rotated one from Redis.
        await another().card.show(ref, ['201']);
        expect(emu.oauth.refreshes).toBe(2);
        const all = lines.join('\n');
        for (const secret of [OAUTH.clientSecret, OAUTH.refreshToken, emu.oauth.accessToken, emu.oauth.refreshToken])
            expect(all).not.toContain(secret);
    });
    it('names the missing scope', async () => {
        const { adapter } = await startBitrix24Setup({ emulator: { missingScopes: ['telephony'] } });
        const err = await adapter.registerCall(call).catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.message).toMatch(/lacks the "telephony" scope/);
    });
    it('says a refused connection as such, with the portal host:port and without the webhook secret', async () => {
        const port = await freePort(); // nothing listens there
        const secret = 'closed-port-secret-123456';
        const { adapter } = await startBitrix24Setup({ env: { BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${port}/rest/1/${secret}/` } });
        const err = await adapter.findByPhone('+74951234567').catch((e) => e);
        expect(err).toBeInstanceOf(RetryableError);
        expect(err.message).toContain(`connection refused to 127.0.0.1:${port}`);
        expect(err.message).not.toContain(secret);
    });
    it('says which setting to fix for a wrong webhook secret, without the secret', async () => {
        const secret = 'wrong-secret-123456';
        const { emu } = await startBitrix24Setup();
        const { adapter } = await startBitrix24Setup({ env: { BITRIX24_WEBHOOK_URL: `${emu.url}/rest/1/${secret}/` } });
        const err = await adapter.findByPhone('+74951234567').catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.message).toMatch(/BITRIX24_WEBHOOK_URL/);
        expect(err.message).not.toContain(secret);
    });
    it('writes no webhook secret to the debug log, on success, 5xx or a dead portal', async () => {
        const { adapter, emu, lines, b24 } = await startBitrix24Setup();
        const ref = await adapter.registerCall(call);
        emu.failNext('*', { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
        await adapter.card.show(ref, ['201']).catch(() => undefined);
        await emu.close();
        const err = await adapter.card.hide(ref, ['201']).catch((e) => e);
        expect(err).toMatchObject({ name: 'RetryableError' });
        expect(lines.some((l) => l.includes('bitrix24 request'))).toBe(true);
        for (const secret of b24.secrets) {
            expect(lines.join('\n')).not.toContain(secret);
            expect(JSON.stringify(err) + String(err.stack)).not.toContain(secret);
        }
    });
    it('says which settings to fix when the OAuth client is wrong', async () => {
        const { adapter } = await startBitrix24Setup({ mode: 'oauth', env: { BITRIX24_CLIENT_SECRET: 'not-the-secret-77' } });
        const err = await adapter.findByPhone('+74951234567').catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(err.message).toMatch(/BITRIX24_CLIENT_ID and BITRIX24_CLIENT_SECRET/);
        expect(err.message).not.toContain('not-the-secret-77');
    });
});
