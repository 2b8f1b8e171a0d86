import { describe, expect, it, onTestFinished } from 'vitest';
import { webhookCrm } from '../../../../src/crm/webhook/webhook-crm.js';
import { RetryableError } from '../../../../src/errors.js';
import { createWebhookAdapter } from '../../../../src/crm/webhook/webhook-adapter.js';
import { silentLogger } from '../../../../src/log.js';
import { startWebhookReceiver } from '../../../../harness/crm/webhook-receiver.js';
import { part } from '../../../support/adapter-part.js';
const SECRET = 'whsec-flow-0123456789abcdef';
async function setup() {
    const rx = await startWebhookReceiver({ secret: SECRET, users: { '201': 'u-201' } });
    onTestFinished(() => rx.close());
    const adapter = createWebhookAdapter(webhookCrm.settingsFrom({ WEBHOOK_URL: rx.url, WEBHOOK_SECRET: SECRET }), { log: silentLogger() });
    return { rx, adapter };
}
describe('webhook adapter against the reference receiver (real HTTP)', () => {
    it('delivers a whole missed inbound call in order, every delivery signed and typed', async () => {
        const { rx, adapter } = await setup();
        const phone = '+74951112233';
        expect(await adapter.findByPhone(phone)).toBeNull();
        const contact = await adapter.createEntity({ kind: 'contact', phone, title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        const ref = await adapter.registerCall({ callId: '1700000000.1', direction: 'inbound', phone, line: '4950000', startedAtMs: 1_700_000_000_000, extension: '201', entity: contact, crmCallId: null, isCallback: false, showTo: ['201'] });
        await part(adapter.card, 'card').hide(ref, ['201']);
        await part(adapter.responsible, 'responsible').set(ref, '201');
        await adapter.finishCall(ref, { extension: '201', talkDurationSec: 0, disposition: 'missed', hangupCause: 19, endedAtMs: 1_700_000_020_000, direction: 'inbound', phone, line: '4950000', startedAtMs: 1_700_000_000_000, answeredAtMs: null, recordingFile: null, recordingFiles: [] });
        await part(adapter.tasks, 'tasks').create(ref, { callId: ref.callId, phone, responsibleExtension: '201', entity: contact, dueAtMs: 1_700_003_600_000, title: `Call back ${phone}` });
        expect(rx.deliveries.map((d) => d.type)).toEqual(['contact.lookup', 'entity.create', 'call.registered', 'call.card', 'call.responsible', 'call.finished', 'task.create']);
        expect(ref.crmCallId).toBe('R-1700000000.1');
        expect(await part(adapter.responsible, 'responsible').find(phone)).toEqual({ extension: '201', userId: 'u-201', name: null });
        expect(await adapter.extensionOfUser('u-201')).toBe('201');
        expect(await adapter.extensionOfUser('u-999')).toBeNull();
    });
    it('redelivers a failed finish with the same id, and the receiver applies it once', async () => {
        const { rx, adapter } = await setup();
        const ref = { callId: '1700000000.2', crmCallId: 'x', entity: null };
        const end = { extension: '201', talkDurationSec: 5, disposition: 'answered', hangupCause: 16, endedAtMs: 2, direction: 'inbound', phone: '+74951112233', line: null, startedAtMs: 1, answeredAtMs: 1, recordingFile: null, recordingFiles: [] };
        rx.failNext({ status: 503, body: null, headers: { 'Retry-After': '1' } });
        expect(await adapter.finishCall(ref, end).catch((e) => e)).toBeInstanceOf(RetryableError);
        await adapter.finishCall(ref, end);
        await adapter.finishCall(ref, end);
        const finished = rx.deliveries.filter((d) => d.type === 'call.finished');
        expect(finished.map((d) => [d.id, d.duplicate])).toEqual([['call.finished:1700000000.2', false], ['call.finished:1700000000.2', true]]);
    });
});
