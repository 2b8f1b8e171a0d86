import { describe, expect, it } from 'vitest';
import { webhookCrm } from '../../../../src/crm/webhook/webhook-crm.js';
import { z } from 'zod';
import { WebhookEnvShape, webhookEnvProblems } from '../../../../src/crm/webhook/webhook-env.js';
const WebhookEnvSchema = z.object(WebhookEnvShape);
describe('WEBHOOK_* configuration', () => {
    it('defaults to every capability and a 10 s timeout, and treats query values as secrets', () => {
        const c = webhookCrm.settingsFrom({ WEBHOOK_URL: 'https://crm.example.com/in?token=abcd1234', WEBHOOK_SECRET: 's'.repeat(32) });
        expect(c.timeoutMs).toBe(10_000);
        expect(c.capabilities).toEqual(['callCard', 'recording', 'callbackTask', 'responsible']);
        expect(c.secrets).toEqual(['s'.repeat(32), 'abcd1234', 'https://crm.example.com/in?token=abcd1234']);
    });
    it('names every problem by variable', () => {
        const env = WebhookEnvSchema.parse({ WEBHOOK_URL: 'http://crm.example.com/in', WEBHOOK_SECRET: 'short' });
        expect(webhookEnvProblems(env)).toEqual([
            'WEBHOOK_URL: must be https (plain http is allowed only for localhost)',
            'WEBHOOK_SECRET: too short; use at least 16 random characters (openssl rand -hex 32)',
        ]);
        expect(webhookEnvProblems(WebhookEnvSchema.parse({}))).toHaveLength(2);
        expect(() => webhookCrm.settingsFrom({ WEBHOOK_URL: 'http://127.0.0.1:9/x', WEBHOOK_SECRET: 'x'.repeat(16), WEBHOOK_CAPABILITIES: 'callCard,cards' }))
            .toThrow('WEBHOOK_CAPABILITIES: "cards" is not one of');
    });
    it('accepts none and a list of capabilities', () => {
        const base = { WEBHOOK_URL: 'http://localhost:8080/x', WEBHOOK_SECRET: 'x'.repeat(16) };
        expect(webhookCrm.settingsFrom({ ...base, WEBHOOK_CAPABILITIES: 'none' }).capabilities).toEqual([]);
        expect(webhookCrm.settingsFrom({ ...base, WEBHOOK_CAPABILITIES: 'recording, callbackTask' }).capabilities).toEqual(['recording', 'callbackTask']);
    });
});
