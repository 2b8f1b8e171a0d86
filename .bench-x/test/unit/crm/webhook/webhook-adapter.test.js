import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookCrm } from '../../../../src/crm/webhook/webhook-crm.js';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { createWebhookAdapter } from '../../../../src/crm/webhook/webhook-adapter.js';
import { signWebhook, verifyWebhook } from '../../../../src/crm/webhook/webhook-signature.js';
import { createLogger } from '../../../../src/log.js';
import { Writable } from 'node:stream';
import { part } from '../../../support/adapter-part.js';
const ORIGIN = 'https://crm.example.com';
const SECRET = 'whsec-unit-0123456789abcdef';
const NOW_MS = Date.parse('2026-03-07T10:20:30.000Z');
const NOW_SEC = NOW_MS / 1000;
function setup(env = {}) {
    const lines = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const config = webhookCrm.settingsFrom({ WEBHOOK_URL: `${ORIGIN}/hooks/pbx?token=qtok-7788`, WEBHOOK_SECRET: SECRET, ...env });
    const adapter = createWebhookAdapter(config, { log: createLogger('debug', [], sink), nowMs: () => NOW_MS });
    return { adapter, config, lines };
}
const start = {
    callId: '1773130770.42', direction: 'inbound', phone: '+79991234567', line: '74950000000', startedAtMs: NOW_MS - 60_000,
    extension: '201', entity: { kind: 'contact', id: '17' }, crmCallId: null, isCallback: false, showTo: ['201', '202'],
};
const ref = { callId: start.callId, crmCallId: 'X-1', entity: start.entity };
const finish = {
    extension: '201', talkDurationSec: 95, disposition: 'answered', hangupCause: 16, endedAtMs: NOW_MS, direction: 'inbound',
    phone: start.phone, line: start.line, startedAtMs: start.startedAtMs, answeredAtMs: start.startedAtMs + 5000, recordingFile: 'https://rec.example.com/a.mp3', recordingFiles: ['https://rec.example.com/a.mp3'],
};
function capture(status, reply, headers = {}) {
    const seen = [];
    nock(ORIGIN).post('/hooks/pbx').query({ token: 'qtok-7788' }).reply(async (req) => {
        seen.push({ body: await req.text(), headers: Object.fromEntries(req.headers.entries()) });
        return [status, reply === null ? '' : JSON.stringify(reply), headers];
    });
    return seen;
}
describe('webhook adapter requests (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); });
    afterEach(() => { nock.cleanAll(); });
    afterAll(() => { nock.enableNetConnect(); });
    it('posts call.registered as signed JSON with a stable id and keeps the crmCallId the receiver gives', async () => {
        const { adapter } = setup();
        const seen = capture(200, { crmCallId: 'crm-900' });
        expect(await adapter.registerCall(start)).toEqual({ callId: start.callId, crmCallId: 'crm-900', entity: start.entity });
        const [req] = seen;
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.headers['x-pcb-timestamp']).toBe(String(NOW_SEC));
        expect(req?.headers['x-pcb-signature']).toBe(signWebhook(SECRET, NOW_SEC, req?.body ?? ''));
        expect(verifyWebhook(SECRET, { timestamp: req?.headers['x-pcb-timestamp'], signature: req?.headers['x-pcb-signature'], body: req?.body ?? '' }, NOW_SEC).ok).toBe(true);
        expect(JSON.parse(req?.body ?? '')).toEqual({
            type: 'call.registered', id: 'call.registered:1773130770.42', sentAt: '2026-03-07T10:20:30.000Z',
            data: {
                callId: '1773130770.42', direction: 'inbound', phone: '+79991234567', line: '74950000000', startedAt: '2026-03-07T10:19:30.000Z',
                extension: '201', entity: { kind: 'contact', id: '17' }, crmCallId: null, isCallback: false, showTo: ['201', '202'],
            },
        });
    });
    it('falls back to our call id when the receiver answers with an empty body', async () => {
        const { adapter } = setup();
        capture(204, null);
        expect((await adapter.registerCall(start)).crmCallId).toBe(start.callId);
    });
    it('sends the same id for a retried finish, with the full call facts', async () => {
        const { adapter } = setup();
        const a = capture(200, null);
        await adapter.finishCall(ref, finish);
        const b = capture(200, null);
        await adapter.finishCall(ref, finish);
        const first = JSON.parse(a[0]?.body ?? '');
        expect(JSON.parse(b[0]?.body ?? '').id).toBe(first.id);
        expect(first).toMatchObject({
            type: 'call.finished', id: 'call.finished:1773130770.42',
            data: { crmCallId: 'X-1', disposition: 'answered', talkDurationSec: 95, answeredAt: '2026-03-07T10:19:35.000Z', endedAt: '2026-03-07T10:20:30.000Z', recording: 'https://rec.example.com/a.mp3', extension: '201' },
        });
    });
    it('reads a found contact, and treats {found:false} and 404 as unknown', async () => {
        const { adapter } = setup();
        capture(200, { found: true, entity: { kind: 'contact', id: 5 }, name: 'Ann', responsibleExtension: '202', openWork: [{ kind: 'deal', id: '9' }] });
        expect(await adapter.findByPhone('+79991234567')).toEqual({ entity: { kind: 'contact', id: '5' }, name: 'Ann', responsibleExtension: '202', openWork: [{ kind: 'deal', id: '9' }] });
        capture(200, { found: false });
        expect(await adapter.findByPhone('+79991234567')).toBeNull();
        capture(404, null);
        expect(await adapter.findByPhone('+79991234567')).toBeNull();
    });
    it('reads the client\'s fields and tags for the routing rules, as text, leaving out values that are not', async () => {
        const { adapter } = setup();
        capture(200, {
            found: true, entity: { kind: 'contact', id: '5' }, name: 'Ann', responsibleExtension: null,
            fields: { segment: 'b2b', vip: true, score: 7, languages: ['en', 3, { x: 1 }], nested: { a: 1 }, gone: null },
            tags: ['VIP', 42, null],
        });
        expect((await adapter.findByPhone('+79991234567'))?.client).toEqual({
            fields: { segment: 'b2b', vip: 'true', score: '7', languages: ['en', '3'] }, tags: ['VIP', '42'],
        });
    });
    it('gives lookups a fresh id each time', async () => {
        const { adapter } = setup();
        const a = capture(200, { found: false });
        const b = capture(200, { found: false });
        await adapter.findByPhone('+79991234567');
        await adapter.findByPhone('+79991234567');
        expect(JSON.parse(a[0]?.body ?? '').id).not.toBe(JSON.parse(b[0]?.body ?? '').id);
        expect(JSON.parse(a[0]?.body ?? '')).toMatchObject({ type: 'contact.lookup', data: { phone: '+79991234567' } });
    });
    it('maps 429 with Retry-After and 5xx to RetryableError, 401 to PermanentError naming WEBHOOK_SECRET', async () => {
        const { adapter, config } = setup();
        capture(429, { error: 'slow down' }, { 'Retry-After': '7' });
        const limited = await adapter.finishCall(ref, finish).catch((e) => e);
        expect(limited).toBeInstanceOf(RetryableError);
        expect(limited.retryAfterMs).toBe(7000);
        capture(503, null);
        expect(await adapter.finishCall(ref, finish).catch((e) => e)).toBeInstanceOf(RetryableError);
        capture(401, null);
        const denied = await adapter.finishCall(ref, finish).catch((e) => e);
        expect(denied).toBeInstanceOf(PermanentError);
        expect(String(denied)).toContain('WEBHOOK_SECRET');
        for (const err of [limited, denied])
            for (const s of config.secrets)
                expect(`${String(err)} ${JSON.stringify(err)}`).not.toContain(s);
    });
    it('maps other 4xx to PermanentError with the receiver message and no query token', async () => {
        const { adapter } = setup();
        capture(422, { error: 'unknown contact 17' });
        const err = await adapter.finishCall(ref, finish).catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(String(err)).toBe('PermanentError: webhook call.finished to https://crm.example.com failed: HTTP 422: unknown contact 17');
    });
    it('maps a refused connection and a timeout to RetryableError without the URL token', async () => {
        const { adapter } = setup({ WEBHOOK_TIMEOUT_MS: '100' });
        nock(ORIGIN).post('/hooks/pbx').query(true).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED https://crm.example.com/hooks/pbx?token=qtok-7788' });
        const refused = await adapter.finishCall(ref, finish).catch((e) => e);
        expect(refused).toBeInstanceOf(RetryableError);
        expect(`${String(refused)} ${String(refused.stack)}`).not.toContain('qtok-7788');
        nock(ORIGIN).post('/hooks/pbx').query(true).delay(500).reply(200, '');
        const slow = await adapter.finishCall(ref, finish).catch((e) => e);
        expect(slow).toBeInstanceOf(RetryableError);
        expect(String(slow)).toContain('WEBHOOK_TIMEOUT_MS=100');
    });
    it('has no part for a switched-off capability, and registers without showing a card', async () => {
        const { adapter } = setup({ WEBHOOK_CAPABILITIES: 'callbackTask' });
        expect(adapter.tasks).toBeDefined();
        expect([adapter.card, adapter.recordings, adapter.responsible]).toEqual([undefined, undefined, undefined]);
        const registered = capture(200, null);
        await adapter.registerCall(start);
        expect(JSON.parse(registered[0]?.body ?? '{}')).toMatchObject({ type: 'call.registered', data: { showTo: [] } });
    });
    it('accepts the retired capability names leads and deals, ignoring them with one warning', () => {
        const { adapter, config, lines } = setup({ WEBHOOK_CAPABILITIES: 'leads,deals' });
        expect(config.capabilities).toEqual([]);
        expect([adapter.card, adapter.tasks, adapter.responsible, adapter.recordings]).toEqual([undefined, undefined, undefined, undefined]);
        const warnings = lines.filter((l) => l.includes('"level":40'));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/WEBHOOK_CAPABILITIES: leads, deals ignored.*remove them/);
    });
    it('logs deliveries with type and id but never the secret or the URL token', async () => {
        const { adapter, lines } = setup();
        capture(200, null);
        await part(adapter.responsible, 'responsible').set(ref, '202');
        expect(lines.join('\n')).toContain('call.responsible:1773130770.42:202');
        expect(lines.join('\n')).not.toContain('qtok-7788');
        expect(lines.join('\n')).not.toContain(SECRET);
    });
});
