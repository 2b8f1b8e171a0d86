import { describe, expect, it, onTestFinished } from 'vitest';
import { startOnlyofficeEmulator } from '../../../harness/crm/onlyoffice-emulator.js';
import { startWebhookReceiver } from '../../../harness/crm/webhook-receiver.js';
import { onlyofficeCrm } from '../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { webhookCrm } from '../../../src/crm/webhook/webhook-crm.js';
import { createWebhookAdapter } from '../../../src/crm/webhook/webhook-adapter.js';
import { silentLogger } from '../../../src/log.js';
import { startBitrix24Setup } from '../../support/bitrix24-harness.js';
import { OO_USERS_ENV, onlyofficeTestAdapter } from '../../support/onlyoffice-harness.js';
const PHONE = '+74957654321';
const closed = (callId) => ({ callId, phone: PHONE, atMs: 1_700_000_900_000, by: '202', byCallId: '1700000900.1' });
const task = (callId, entity) => ({
    callId, phone: PHONE, responsibleExtension: '201', entity, dueAtMs: 1_700_003_600_000, title: `Call back ${PHONE}`,
});
async function missedWithTask(adapter, callId, entity) {
    const ref = await adapter.registerCall({ callId, direction: 'inbound', phone: PHONE, line: null, startedAtMs: 1_700_000_000_000, extension: '201', entity, crmCallId: null, isCallback: false, showTo: [] });
    await adapter.tasks?.create(ref, task(callId, entity));
    return ref;
}
function completer(adapter) {
    const complete = adapter.tasks?.complete.bind(adapter.tasks);
    if (!complete)
        throw new Error(`${adapter.name} cannot complete tasks`);
    return complete;
}
describe('a called-back missed call completes its CRM task', () => {
    it('Bitrix24: crm.activity.update COMPLETED=Y on the call-back to-do; nothing for a personal reminder', async () => {
        const { emu, adapter } = await startBitrix24Setup();
        const contact = await adapter.createEntity({ kind: 'contact', phone: PHONE, title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        const ref = await missedWithTask(adapter, '1700000000.11', contact);
        const todo = emu.state.activities.find((a) => a.method === 'crm.activity.todo.add');
        await completer(adapter)(ref, closed(ref.callId));
        await completer(adapter)(ref, closed(ref.callId));
        expect(emu.state.updates.filter((u) => u.method === 'crm.activity.update')).toEqual([
            { method: 'crm.activity.update', id: String(todo?.id), fields: { COMPLETED: 'Y' } },
            { method: 'crm.activity.update', id: String(todo?.id), fields: { COMPLETED: 'Y' } },
        ]); // the adapter repeats an update that changes nothing; sync/ calls it once per call (its `task-closed` step)
        const unbound = await adapter.registerCall({ callId: '1700000000.12', direction: 'inbound', phone: '+74950000001', line: null, startedAtMs: 1, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [] });
        await adapter.tasks.create(unbound, { ...task(unbound.callId, null), phone: '+74950000001' });
        expect(emu.state.activities.some((a) => a.method === 'im.notify.personal.add')).toBe(true);
        await completer(adapter)(unbound, closed(unbound.callId));
        expect(emu.state.updates.filter((u) => u.method === 'crm.activity.update')).toHaveLength(2);
    });
    it('ONLYOFFICE: PUT crm/task/{id}/close on the task it created, once', async () => {
        const emu = await startOnlyofficeEmulator({ token: 'emu-token-closing' });
        onTestFinished(() => emu.close());
        const adapter = onlyofficeTestAdapter(onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: emu.url, ONLYOFFICE_TOKEN: 'emu-token-closing', ONLYOFFICE_USERS: OO_USERS_ENV }));
        const contact = await adapter.createEntity({ kind: 'contact', phone: PHONE, title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        const ref = await missedWithTask(adapter, '1700000000.21', contact);
        expect(emu.state.tasks[0]).not.toHaveProperty('IsClosed');
        await completer(adapter)(ref, closed(ref.callId));
        await completer(adapter)(ref, closed(ref.callId));
        expect(emu.state.tasks[0]).toMatchObject({ IsClosed: true });
        expect(emu.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([`crm/task/${String(emu.state.tasks[0]?.['ID'])}/close`]);
    });
    it('webhook: one missed.closed event with who reached the client and when', async () => {
        const rx = await startWebhookReceiver({ secret: 'whsec-closing-0123456789abcdef' });
        onTestFinished(() => rx.close());
        const adapter = createWebhookAdapter(webhookCrm.settingsFrom({ WEBHOOK_URL: rx.url, WEBHOOK_SECRET: 'whsec-closing-0123456789abcdef' }), { log: silentLogger() });
        const ref = await missedWithTask(adapter, '1700000000.31', null);
        await completer(adapter)(ref, closed(ref.callId));
        await completer(adapter)(ref, closed(ref.callId));
        const events = rx.deliveries.filter((d) => d.type === 'missed.closed');
        expect(events.map((d) => d.duplicate)).toEqual([false, true]);
        expect(events[0]?.id).toBe('missed.closed:1700000000.31');
        expect(events[0]?.data).toMatchObject({ callId: '1700000000.31', phone: PHONE, closedAt: new Date(1_700_000_900_000).toISOString(), by: '202', byCallId: '1700000900.1', manual: false });
    });
});
