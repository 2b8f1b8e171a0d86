import { describe, expect, it, onTestFinished } from 'vitest';
import { onlyofficeCrm } from '../../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { PermanentError } from '../../../../src/errors.js';
import { startOnlyofficeEmulator } from '../../../../harness/crm/onlyoffice-emulator.js';
import { OO_USERS, OO_USERS_ENV, onlyofficeTestAdapter } from '../../../support/onlyoffice-harness.js';
const USER = { userName: 'pbx@example.com', password: 'emu-pass-24680' };
async function setup(env = {}) {
    const emu = await startOnlyofficeEmulator({ user: USER });
    onTestFinished(() => emu.close());
    const oo = onlyofficeCrm.settingsFrom({
        ONLYOFFICE_URL: emu.url, ONLYOFFICE_USERNAME: USER.userName, ONLYOFFICE_PASSWORD: USER.password, ONLYOFFICE_USERS: OO_USERS_ENV, ...env,
    });
    return { emu, oo, adapter: onlyofficeTestAdapter(oo) };
}
describe('ONLYOFFICE adapter against the emulator (login, real HTTP)', () => {
    it('logs in once, creates the person with its phone, and files the missed call and its task on it', async () => {
        const { emu, adapter } = await setup({ ONLYOFFICE_PHONE_CATEGORY: 'Mobile' });
        const phone = '+74957654321';
        const contact = await adapter.createEntity({ kind: 'contact', phone, title: 'No name', responsibleExtension: '201', contact: null, source: 'inbound' });
        expect(await adapter.findByPhone(phone)).toMatchObject({ entity: contact, name: 'No name' });
        const ref = await adapter.registerCall({ callId: '1700000000.5', direction: 'inbound', phone, line: null, startedAtMs: 1_700_000_000_000, extension: '201', entity: contact, crmCallId: null, isCallback: false, showTo: [] });
        await adapter.finishCall(ref, { extension: '202', talkDurationSec: 0, disposition: 'noanswer', hangupCause: 19, endedAtMs: 1_700_000_030_000, direction: 'inbound', phone, line: null, startedAtMs: 1_700_000_000_000, answeredAtMs: null, recordingFile: null, recordingFiles: [] });
        await adapter.tasks.create(ref, { callId: ref.callId, phone, responsibleExtension: '202', entity: contact, dueAtMs: 1_700_003_600_000, title: `Call back ${phone}` });
        expect(emu.requests.filter((r) => r.path === 'authentication')).toHaveLength(1);
        expect(emu.state.contacts).toHaveLength(1);
        expect(emu.state.contacts[0]?.infos).toEqual([expect.objectContaining({ Data: phone, CategoryName: 'Mobile', IsPrimary: true })]);
        expect(emu.state.history).toEqual([expect.objectContaining({ contactId: Number(contact.id), categoryId: 3, content: expect.stringContaining('Missed incoming call from +74957654321, rang 30 s (noanswer)') })]);
        expect(emu.state.tasks).toEqual([expect.objectContaining({ responsibleId: OO_USERS['202'], categoryId: 11, contactId: Number(contact.id) })]);
        expect(emu.state.voipCalls.get('1700000000_5')).toMatchObject({ Status: 3, contactId: Number(contact.id) });
    });
    it('journals an unknown inbound caller when asked, and files history on the person ONLYOFFICE created', async () => {
        const { emu, adapter } = await setup({ ONLYOFFICE_JOURNAL_UNKNOWN: 'true' });
        const ref = await adapter.registerCall({ callId: '1700000000.6', direction: 'inbound', phone: '+74951110000', line: '4950000', startedAtMs: 1_700_000_000_000, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [] });
        expect(emu.state.contacts.map((c) => c.FirstName)).toEqual(['74951110000']);
        expect(ref.entity).toEqual({ kind: 'contact', id: String(emu.state.contacts[0]?.ID) });
        await adapter.finishCall(ref, { extension: '201', talkDurationSec: 12, disposition: 'answered', hangupCause: 16, endedAtMs: 1_700_000_020_000, direction: 'inbound', phone: '+74951110000', line: '4950000', startedAtMs: 1_700_000_000_000, answeredAtMs: 1_700_000_008_000, recordingFile: null, recordingFiles: [] });
        expect(emu.state.history).toHaveLength(1);
        expect(emu.state.voipCalls.get('1700000000_6')).toMatchObject({ Status: 2 });
    });
    it('fails for good when the login is refused, naming the variables but not the password', async () => {
        const { emu, adapter, oo } = await setup();
        emu.breakAuth(true);
        const err = await adapter.findByPhone('+74951110001').catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(String(err)).toContain('ONLYOFFICE_USERNAME and ONLYOFFICE_PASSWORD');
        for (const s of oo.secrets)
            expect(`${String(err)} ${String(err.stack)}`).not.toContain(s);
    });
    it('names the variable when the history category does not exist', async () => {
        const { adapter } = await setup({ ONLYOFFICE_HISTORY_CATEGORY: 'Звонок' });
        const contact = await adapter.createEntity({ kind: 'contact', phone: '+74951110002', title: 'No name', responsibleExtension: null, contact: null, source: 'inbound' });
        const ref = await adapter.registerCall({ callId: '1700000000.7', direction: 'inbound', phone: '+74951110002', line: null, startedAtMs: 0, extension: '201', entity: contact, crmCallId: null, isCallback: false, showTo: [] });
        const err = await adapter.finishCall(ref, { extension: '201', talkDurationSec: 1, disposition: 'answered', hangupCause: 16, endedAtMs: 2000, direction: 'inbound', phone: '+74951110002', line: null, startedAtMs: 0, answeredAtMs: 1000, recordingFile: null, recordingFiles: [] }).catch((e) => e);
        expect(err).toBeInstanceOf(PermanentError);
        expect(String(err)).toContain('no history category titled "Звонок"; set ONLYOFFICE_HISTORY_CATEGORY');
    });
});
