import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
/** A call picked up mid-way (late AMI connect, resync): the tracker knows no operator for it yet. */
function aStart(callId, o = {}) {
    return {
        callId, direction: 'inbound', phone: '+74957770011', line: null, startedAtMs: Date.parse('2026-11-23T06:00:00Z'),
        extension: null, entity: null, crmCallId: null, isCallback: false, showTo: [], ...o,
    };
}
function aFinish(start, extension) {
    return {
        extension, talkDurationSec: 30, disposition: 'answered', hangupCause: 16, endedAtMs: start.startedAtMs + 40_000,
        direction: start.direction, phone: start.phone, line: null, startedAtMs: start.startedAtMs, answeredAtMs: start.startedAtMs + 5000, recordingFile: null, recordingFiles: [],
    };
}
const warnings = (lines) => lines.filter((l) => l.includes('BITRIX24_DEFAULT_USER_ID is not set'));
describe('bitrix24: a call with no known operator', () => {
    it('goes to the client\'s responsible, and the operator who answers later owns the finished call', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const entity = await adapter.createEntity({ kind: 'contact', phone: '+74957770011', title: 'Client', responsibleExtension: '202', contact: null, source: 'inbound' });
        await adapter.findByPhone('+74957770011');
        const start = aStart('1795413900.1', { entity });
        const ref = await adapter.registerCall(start);
        expect(emu.state.registered()[0]?.params['USER_ID']).toBe('6'); // Boris, the contact's responsible (202)
        await adapter.responsible.set(ref, '201');
        await adapter.finishCall(ref, aFinish(start, '201'));
        expect(emu.state.finished()[0]?.finished?.userId).toBe('5'); // Anna (201) answered
        expect(emu.state.entities[0]?.fields['ASSIGNED_BY_ID']).toBe('5');
    });
    it('with no client and no BITRIX24_DEFAULT_USER_ID goes to the portal\'s first active user; one start-up warning only', async () => {
        const { adapter, emu, lines } = await startBitrix24Setup({ emulator: { users: [{ ID: '12', UF_PHONE_INNER: '', NAME: 'Late', LAST_NAME: 'Hire' }, { ID: '3', UF_PHONE_INNER: '', NAME: 'Owner', LAST_NAME: 'Admin' }, { ID: '5', UF_PHONE_INNER: '201', NAME: 'Anna', LAST_NAME: 'Operator' }] } });
        expect(warnings(lines)).toHaveLength(1);
        for (const id of ['1795413901.1', '1795413901.2']) {
            const start = aStart(id, { phone: `+7495777${id.slice(-1)}000` });
            await adapter.finishCall(await adapter.registerCall(start), { ...aFinish(start, null), disposition: 'missed', answeredAtMs: null, talkDurationSec: 0 });
        }
        expect(emu.state.registered().map((c) => c.params['USER_ID'])).toEqual(['3', '3']);
        expect(emu.state.finished().map((c) => c.finished?.userId)).toEqual(['3', '3']);
        expect(warnings(lines)).toHaveLength(1);
    });
    it('uses BITRIX24_DEFAULT_USER_ID when set, without the warning', async () => {
        const { adapter, emu, lines } = await startBitrix24Setup({ env: { BITRIX24_DEFAULT_USER_ID: '7' } });
        await adapter.registerCall(aStart('1795413902.1', { extension: '299' })); // an extension with no Bitrix24 user
        expect(emu.state.registered()[0]?.params['USER_ID']).toBe('7');
        expect(warnings(lines)).toHaveLength(0);
    });
    it('keeps the call\'s user when the answering extension has no Bitrix24 user (no failure)', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const start = aStart('1795413903.1', { extension: '201' });
        const ref = await adapter.registerCall(start);
        await expect(adapter.responsible.set(ref, '299')).resolves.toBeUndefined();
        await adapter.finishCall(ref, aFinish(start, '299'));
        expect(emu.state.finished()[0]?.finished?.userId).toBe('5');
    });
});
