import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const T0 = Date.parse('2026-12-02T14:29:24.000Z');
const FILES = ['https://pbx.example.com/rec/leg-201.wav', 'https://pbx.example.com/rec/leg-202.wav'];
const PBX_RESTART_NOTE = 'Ended while the bridge was not reading the PBX (PBX restart): the outcome is the last state seen and '
    + 'the duration is an estimate (the call lasted at least this long).';
function aCall(over = {}) {
    return {
        callId: 'pbx22-1796220564.0', direction: 'inbound', phone: '+74951234567', line: '74951230000', startedAtMs: T0, extension: '201',
        entity: null, crmCallId: null, isCallback: false, showTo: [], ...over,
    };
}
/** Answered by 201 at 2 s; the PBX died at 4 s while they talked (nobody saw the hang-up). */
function anUnseenEnd(over = {}) {
    return {
        extension: '201', talkDurationSec: 2, disposition: 'answered', hangupCause: null, endedAtMs: T0 + 4000, direction: 'inbound',
        phone: '+74951234567', line: '74951230000', startedAtMs: T0, answeredAtMs: T0 + 2000, recordingFile: null, recordingFiles: [],
        endedUnobserved: true, endReason: 'pbx-restart', ...over,
    };
}
const activityUpdates = (emu) => emu.state.updates.filter((u) => u.method === 'crm.activity.update');
describe('bitrix24 adapter: a call whose end the bridge did not see (emulator)', () => {
    it('says so in the call activity\'s description, in words an operator reads; a retried finish sets the same text', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall());
        await adapter.finishCall(ref, anUnseenEnd());
        await adapter.finishCall(ref, anUnseenEnd()); // a retried job: finish answers "already finished"
        const [call] = emu.state.finished();
        expect(call?.finished).toMatchObject({ userId: '5', duration: 2, statusCode: '200' });
        const updates = activityUpdates(emu);
        expect(updates.map((u) => u.id)).toEqual([String(call?.finished?.activityId), String(call?.finished?.activityId)]);
        expect(updates[0]?.fields).toEqual({ DESCRIPTION: PBX_RESTART_NOTE });
        expect(updates[1]?.fields).toEqual(updates[0]?.fields);
    });
    it('keeps the note above the recordings listed later, and names a vanished call and an unseen answer apart', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall());
        await adapter.finishCall(ref, anUnseenEnd({ endReason: 'vanished', recordingFile: FILES[0] ?? null, recordingFiles: FILES }));
        await adapter.recordings.attach(ref, FILES);
        const vanished = 'Ended while the bridge was not reading the PBX (connection lost or bridge restarted): the outcome is the last '
            + 'state seen and the duration is an estimate (the call lasted at least this long).';
        expect(activityUpdates(emu).map((u) => u.fields['DESCRIPTION'])).toEqual([
            vanished,
            `${vanished}\n\nCall recordings (2, in order):\n1. ${FILES[0]} (attached to the call)\n2. ${FILES[1]}`,
        ]);
        const other = await adapter.registerCall(aCall({ callId: 'pbx22-1796220579.0' }));
        const { endedUnobserved: _e, endReason: _r, ...seenEnd } = anUnseenEnd();
        await adapter.finishCall(other, { ...seenEnd, answerUnobserved: true });
        expect(activityUpdates(emu).at(-1)?.fields).toEqual({
            DESCRIPTION: 'Answered while the bridge was not reading the PBX: the answer time is an estimate, so the talk time may be a little shorter.',
        });
    });
    it('a call seen from start to end gets no note', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const ref = await adapter.registerCall(aCall());
        const { endedUnobserved: _e, endReason: _r, ...seenEnd } = anUnseenEnd();
        await adapter.finishCall(ref, { ...seenEnd, hangupCause: 16 });
        expect(emu.state.finished()).toHaveLength(1);
        expect(activityUpdates(emu)).toEqual([]);
    });
});
