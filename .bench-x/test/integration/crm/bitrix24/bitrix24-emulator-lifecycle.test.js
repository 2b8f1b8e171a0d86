import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const T0 = Date.parse('2026-11-23T06:00:00Z');
function aCall(over = {}) {
    return { callId: '1795413864.1', direction: 'inbound', phone: '+74951234567', line: '4951230000', startedAtMs: T0, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [], ...over };
}
function anEnd(over = {}) {
    return {
        extension: '201', talkDurationSec: 3, disposition: 'answered', hangupCause: 16, endedAtMs: T0 + 5000, direction: 'inbound',
        phone: '+74951234567', line: '4951230000', startedAtMs: T0, answeredAtMs: T0 + 2000, recordingFile: over.recordingFiles?.[0] ?? null, recordingFiles: [], ...over,
    };
}
describe('bitrix24 adapter against the emulator', () => {
    it('registers, shows, hides and finishes an answered call with the mapped users', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const contact = await adapter.createEntity({ kind: 'contact', phone: '+74951234567', title: 'Ivan Petrov', responsibleExtension: '202', contact: null, source: 'inbound' });
        const match = await adapter.findByPhone('+74951234567');
        expect(match).toMatchObject({ entity: contact, name: 'Ivan Petrov', responsibleExtension: '202', openWork: [] });
        const ref = await adapter.registerCall(aCall({ entity: contact }));
        expect(ref.crmCallId).toMatch(/^externalCall\.[0-9a-f]{32}\.\d+$/);
        await adapter.card.show(ref, ['201', '202', '999']);
        await adapter.card.hide(ref, ['202']);
        await adapter.finishCall(ref, anEnd());
        expect(emu.state.cards.map((c) => [c.action, c.userIds])).toEqual([['show', ['5', '6']], ['hide', ['6']]]);
        expect(emu.state.finished()[0]?.finished).toMatchObject({ userId: '5', duration: 3, statusCode: '200', addToChat: '0' });
    });
    it('registers and shows the card to every ringing user in one request: SHOW=1 for the registered user, show via $result for the others', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        const before = emu.stats.requests;
        const ref = await adapter.registerCall(aCall({ showTo: ['201', '202', '999'] }));
        expect(emu.stats.requests - before).toBe(1);
        expect(emu.stats.log.at(-1)?.methods).toEqual(['telephony.externalcall.register', 'telephony.externalcall.show']);
        expect(emu.state.cards.map((c) => [c.action, c.userIds, c.callId === ref.crmCallId])).toEqual([['show', ['5'], true], ['show', ['6'], true]]);
        expect(await adapter.registerCall(aCall({ showTo: ['201', '202'] }))).toEqual(ref);
        expect(emu.state.cards).toHaveLength(2); // a retry neither registers nor shows again
        expect(emu.stats.requests - before).toBe(1);
    });
    it('keeps the CALL_ID when the show in the chain fails, and shows the card on the retry', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        emu.failNext('telephony.externalcall.show', { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
        await expect(adapter.registerCall(aCall({ showTo: ['201', '202'] }))).rejects.toMatchObject({ name: 'RetryableError' });
        const ref = await adapter.registerCall(aCall({ showTo: ['201', '202'] }));
        expect(emu.state.registered()).toHaveLength(1);
        expect(emu.state.cardsShown(ref.crmCallId).sort()).toEqual(['5', '6']);
    });
    it('puts a hide issued together with finish ahead of it in one batch', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall({ showTo: ['201', '202'] }));
        const before = emu.stats.requests;
        await Promise.all([adapter.finishCall(ref, anEnd()), adapter.card.hide(ref, ['202'])]);
        expect(emu.stats.requests - before).toBe(1);
        expect(emu.stats.log.at(-1)?.methods).toEqual(['telephony.externalcall.hide', 'telephony.externalcall.finish']);
        expect(emu.state.cards.at(-1)).toMatchObject({ action: 'hide', userIds: ['6'], ok: true });
    });
    it('registers a call once however often the job is retried, and a second finish is harmless', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const [a, b] = await Promise.all([adapter.registerCall(aCall()), adapter.registerCall(aCall())]);
        const c = await adapter.registerCall(aCall());
        expect(new Set([a.crmCallId, b.crmCallId, c.crmCallId]).size).toBe(1);
        expect(emu.state.registered()).toHaveLength(1);
        await adapter.finishCall(a, anEnd({ disposition: 'missed', talkDurationSec: 0 }));
        await adapter.finishCall(a, anEnd({ disposition: 'missed', talkDurationSec: 0 }));
        expect(emu.state.finished()[0]?.finished?.statusCode).toBe('304');
    });
    it('uses the CRM call id of a click-to-call without registering', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        emu.state.calls.set('externalCall.abc.1', { CALL_ID: 'externalCall.abc.1', params: {}, userId: '5', phone: '+74951234567', type: 1, createdAtMs: T0, finished: null, record: null });
        const ref = await adapter.registerCall(aCall({ direction: 'outbound', crmCallId: 'externalCall.abc.1', showTo: ['201'] }));
        expect(ref.crmCallId).toBe('externalCall.abc.1');
        expect(emu.stats.log.flatMap((r) => r.methods)).not.toContain('telephony.externalcall.register');
        expect(emu.state.cardsShown('externalCall.abc.1')).toEqual(['5']);
    });
    it('finds the responsible of a number and maps users both ways', async () => {
        const { adapter } = await startBitrix24Setup({ users: { '301': '9' } });
        await adapter.createEntity({ kind: 'lead', phone: '+74951112233', title: '+74951112233 - inbound', responsibleExtension: '203', contact: null, source: 'inbound' });
        expect(await adapter.responsible.find('+7 (495) 111-22-33')).toEqual({ extension: '203', userId: '7', name: 'Vera Operator' });
        expect(await adapter.extensionOfUser('6')).toBe('202');
        expect(await adapter.extensionOfUser('9')).toBe('301');
        expect(await adapter.responsible.find('+70000000000')).toBeNull();
    });
});
describe('bitrix24 recordings and tasks against the emulator', () => {
    it('uploads a wav recording after finish (base64), and asks for a retry before finish', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'b24rec-'));
        onTestFinished(() => rm(dir, { recursive: true, force: true }));
        await writeFile(join(dir, 'rec-1.wav'), Buffer.from('RIFF....WAVEfmt '));
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_RECORDINGS_DIR: dir } });
        const ref = await adapter.registerCall(aCall());
        await expect(adapter.recordings.attach(ref, ['rec-1.wav'])).rejects.toBeInstanceOf(RetryableError);
        await adapter.finishCall(ref, anEnd());
        await adapter.recordings.attach(ref, ['rec-1.wav']);
        expect(emu.state.calls.get(ref.crmCallId)?.record).toMatchObject({ filename: 'rec-1.wav', via: 'content' });
        await expect(adapter.recordings.attach(ref, ['notes.txt'])).rejects.toBeInstanceOf(PermanentError);
    });
    it('sends a RECORD_URL in url mode', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_RECORDING_MODE: 'url' } });
        const ref = await adapter.registerCall(aCall());
        await adapter.finishCall(ref, anEnd());
        await adapter.recordings.attach(ref, ['https://pbx.example.com/rec/r.mp3']);
        expect(emu.state.calls.get(ref.crmCallId)?.record).toMatchObject({ filename: 'r.mp3', via: 'url' });
    });
    it('creates one to-do per call on the entity, or a reminder when the number has no entity', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_TASK_METHOD: 'activity' } });
        const lead = await adapter.createEntity({ kind: 'lead', phone: '+74951234567', title: 'lead', responsibleExtension: null, contact: null, source: 'inbound' });
        const ref = await adapter.registerCall(aCall({ entity: lead }));
        const task = { callId: ref.callId, phone: '+74951234567', responsibleExtension: '202', entity: lead, dueAtMs: T0 + 3_600_000, title: 'Call back' };
        await adapter.tasks.create(ref, task);
        await adapter.tasks.create(ref, task);
        const other = await adapter.registerCall(aCall({ callId: 'c-2', phone: '+74950000001' }));
        await adapter.tasks.create(other, { ...task, callId: 'c-2', phone: '+74950000001', entity: null });
        expect(emu.state.activities.map((a) => a.method)).toEqual(['crm.activity.add', 'im.notify.personal.add']);
        expect(emu.state.activities[0]?.params).toMatchObject({ fields: { OWNER_TYPE_ID: 1, OWNER_ID: lead.id, TYPE_ID: 2, DIRECTION: 2, RESPONSIBLE_ID: '6' } });
    });
});
