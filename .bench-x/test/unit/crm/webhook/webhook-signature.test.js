import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../../src/crm/webhook/webhook-signature.js';
describe('webhook signature', () => {
    const secret = 'whsec-0123456789abcdef';
    const body = '{"type":"call.finished","id":"call.finished:1.2"}';
    it('is v1= and the hex HMAC-SHA256 of timestamp.body', () => {
        const hex = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
        expect(signWebhook(secret, 1700000000, body)).toBe(`v1=${hex}`);
    });
    it('verifies within the replay window and refuses stale, missing or altered deliveries', () => {
        const signature = signWebhook(secret, 1700000000, body);
        expect(verifyWebhook(secret, { timestamp: '1700000000', signature, body }, 1700000299)).toEqual({ ok: true });
        expect(verifyWebhook(secret, { timestamp: '1700000000', signature, body }, 1700000301)).toEqual({ ok: false, reason: 'stale' });
        expect(verifyWebhook(secret, { timestamp: undefined, signature, body }, 1700000000)).toEqual({ ok: false, reason: 'missing' });
        expect(verifyWebhook(secret, { timestamp: '1700000000', signature, body: `${body} ` }, 1700000000)).toEqual({ ok: false, reason: 'mismatch' });
        expect(verifyWebhook('another-secret-000000', { timestamp: '1700000000', signature, body }, 1700000000)).toEqual({ ok: false, reason: 'mismatch' });
    });
});
