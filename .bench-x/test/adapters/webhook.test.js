import { onTestFinished } from 'vitest';
import { webhookCrm } from '../../src/crm/webhook/webhook-crm.js';
import { createWebhookAdapter } from '../../src/crm/webhook/webhook-adapter.js';
import { silentLogger } from '../../src/log.js';
import { startWebhookReceiver } from '../../harness/crm/webhook-receiver.js';
import { describeCrmAdapter } from './conformance.js';
const SECRET = 'whsec-conformance-0123456789abcdef';
/** The webhook adapter against the reference receiver (real HTTP on 127.0.0.1), with a query token in the URL. */
async function webhookHarness() {
    const rx = await startWebhookReceiver({ secret: SECRET, users: { '201': 'u-201', '202': 'u-202' } });
    onTestFinished(() => rx.close());
    const config = webhookCrm.settingsFrom({ WEBHOOK_URL: `${rx.url}?token=query-token-5551`, WEBHOOK_SECRET: SECRET, WEBHOOK_TIMEOUT_MS: '2000' });
    const adapter = createWebhookAdapter(config, { log: silentLogger() });
    return {
        adapter, secrets: config.secrets, extensions: ['201', '202'], userIds: { '201': 'u-201', '202': 'u-202' }, unsupported: {},
        breakCredentials: async () => { rx.breakAuth(true); },
        failNext: async (kind) => {
            rx.failNext(kind === '5xx' ? { status: 502, body: { error: 'bad gateway' } } : { status: 429, body: { error: 'slow down' }, headers: { 'Retry-After': '3' } });
        },
        recover: async () => { rx.breakAuth(false); },
        countCalls: async (callId) => rx.applied('call.registered', callId).length,
        countTasks: async (callId) => rx.applied('task.create', callId).length,
        countFinishes: async (callId) => rx.applied('call.finished', callId).length,
        cardsShown: async (callId) => rx.cardsShown(callId),
        recordingsHeld: async (callId) => rx.applied('call.recording', callId).map((d) => String(d.data['file'])),
        close: () => adapter.close(),
    };
}
describeCrmAdapter('webhook', webhookHarness);
