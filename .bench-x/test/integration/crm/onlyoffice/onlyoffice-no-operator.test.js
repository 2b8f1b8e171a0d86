import { describe, expect, it, onTestFinished } from 'vitest';
import { onlyofficeCrm } from '../../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { EMU_SELF_USER_ID, startOnlyofficeEmulator } from '../../../../harness/crm/onlyoffice-emulator.js';
import { memoryLogger } from '../../../support/bitrix24-harness.js';
import { OO_USERS, OO_USERS_ENV, onlyofficeTestAdapter } from '../../../support/onlyoffice-harness.js';
const TOKEN = 'oo-no-operator-token-5511';
const DEFAULT_USER = '11111111-2222-4333-8444-555555555299';
async function setup(env = {}) {
    const emu = await startOnlyofficeEmulator({ token: TOKEN });
    onTestFinished(() => emu.close());
    const oo = onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: emu.url, ONLYOFFICE_TOKEN: TOKEN, ONLYOFFICE_USERS: OO_USERS_ENV, ...env });
    const { log, lines } = memoryLogger();
    return { emu, adapter: onlyofficeTestAdapter(oo, log), warnings: () => lines.filter((l) => l.includes('ONLYOFFICE_DEFAULT_USER_ID is not set')) };
}
async function missedWithTask(s, callId, registered, responsible) {
    const phone = `+7495888${callId.slice(-4)}`;
    const contact = await s.adapter.createEntity({ kind: 'contact', phone, title: 'Client', responsibleExtension: null, contact: null, source: 'inbound' });
    const start = { callId, direction: 'inbound', phone, line: null, startedAtMs: 1_700_000_000_000, extension: registered, entity: contact, crmCallId: null, isCallback: false, showTo: [] };
    const ref = await s.adapter.registerCall(start);
    await s.adapter.tasks.create(ref, { callId, phone, responsibleExtension: responsible, entity: contact, dueAtMs: 1_700_003_600_000, title: `Call back ${phone}` });
}
describe('ONLYOFFICE: a call-back task with no mapped operator', () => {
    it('goes to the call\'s registered operator when the task\'s extension is unmapped', async () => {
        const s = await setup();
        await missedWithTask(s, '1700000100.1001', '202', '299');
        expect(s.emu.state.tasks.map((t) => t['responsibleId'])).toEqual([OO_USERS['202']]);
    });
    it('goes to ONLYOFFICE_DEFAULT_USER_ID when set, without the start-up warning', async () => {
        const s = await setup({ ONLYOFFICE_DEFAULT_USER_ID: DEFAULT_USER });
        await missedWithTask(s, '1700000100.1002', null, null);
        expect(s.emu.state.tasks.map((t) => t['responsibleId'])).toEqual([DEFAULT_USER]);
        expect(s.warnings()).toHaveLength(0);
    });
    it('else goes to the user the daemon signs in as (asked once); one start-up warning only', async () => {
        const s = await setup();
        expect(s.warnings()).toHaveLength(1);
        await missedWithTask(s, '1700000100.1003', null, null);
        await missedWithTask(s, '1700000100.1004', '299', '299');
        expect(s.emu.state.tasks.map((t) => t['responsibleId'])).toEqual([EMU_SELF_USER_ID, EMU_SELF_USER_ID]);
        expect(s.emu.requests.filter((r) => r.path === 'people/@self')).toHaveLength(1);
        expect(s.warnings()).toHaveLength(1);
    });
});
