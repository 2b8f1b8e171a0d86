import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const T0 = Date.parse('2026-11-23T06:04:24.000Z');
const FILES = ['https://pbx.example.com/rec/leg-201.wav', 'https://pbx.example.com/rec/leg-202.wav', 'https://pbx.example.com/rec/leg-203.wav'];
function aCall(over = {}) {
    return { callId: '1796220564.0', direction: 'inbound', phone: null, line: '74951230000', startedAtMs: T0, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [], ...over };
}
function anEnd(over = {}) {
    return {
        extension: '201', talkDurationSec: 0, disposition: 'missed', hangupCause: 127, endedAtMs: T0 + 7000, direction: 'inbound',
        phone: null, line: '74951230000', startedAtMs: T0, answeredAtMs: null, recordingFile: null, recordingFiles: [], ...over,
    };
}
describe('bitrix24 adapter: anonymous callers and several recordings (emulator)', () => {
    it('registers an anonymous caller with the placeholder number 0000 and no CRM binding, then finishes it as missed', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall());
        await adapter.finishCall(ref, anEnd());
        const [call] = emu.state.registered();
        expect(call?.params).toMatchObject({ PHONE_NUMBER: '0000', TYPE: 2, CRM_CREATE: 0, EXTERNAL_CALL_ID: '1796220564.0', LINE_NUMBER: '74951230000' });
        expect(call?.params['CRM_ENTITY_TYPE']).toBeUndefined();
        expect(call?.finished).toMatchObject({ userId: '5', statusCode: '304' });
        expect(emu.stats.log.flatMap((l) => l.methods).filter((m) => m.startsWith('crm.'))).toEqual([]);
    });
    it('uses BITRIX24_ANONYMOUS_NUMBER when set', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_ANONYMOUS_NUMBER: '+70000000000' } });
        await adapter.registerCall(aCall());
        expect(emu.state.registered()[0]?.params['PHONE_NUMBER']).toBe('+70000000000');
    });
    it('attaches the first recording and lists all of them, in order, in the call activity; a retry sends the same', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall({ phone: '+74951234567' }));
        await adapter.finishCall(ref, anEnd({ phone: '+74951234567', disposition: 'answered', talkDurationSec: 30, answeredAtMs: T0 + 2000, recordingFile: FILES[0] ?? null, recordingFiles: FILES }));
        await adapter.recordings.attach(ref, FILES);
        await adapter.recordings.attach(ref, FILES);
        const [call] = emu.state.finished();
        expect(call?.record).toMatchObject({ via: 'url', url: FILES[0], filename: 'leg-201.wav' });
        const updates = emu.state.updates.filter((u) => u.method === 'crm.activity.update');
        expect(updates).toHaveLength(2);
        expect(updates.every((u) => u.id === String(call?.finished?.activityId))).toBe(true);
        expect(updates[0]?.fields).toEqual({
            DESCRIPTION: `Call recordings (3, in order):\n1. ${FILES[0]} (attached to the call)\n2. ${FILES[1]}\n3. ${FILES[2]}`,
        });
        expect(updates[1]?.fields).toEqual(updates[0]?.fields);
    });
    it('a single recording is only attached: no activity update', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall({ phone: '+74951234567' }));
        await adapter.finishCall(ref, anEnd({ phone: '+74951234567', recordingFile: FILES[0] ?? null, recordingFiles: FILES.slice(0, 1) }));
        await adapter.recordings.attach(ref, FILES.slice(0, 1));
        expect(emu.state.finished()[0]?.record).toMatchObject({ url: FILES[0] });
        expect(emu.state.updates.filter((u) => u.method === 'crm.activity.update')).toEqual([]);
    });
});
