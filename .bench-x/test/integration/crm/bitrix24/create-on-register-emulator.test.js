import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const T0 = Date.parse('2026-11-23T06:00:00Z');
const PHONE = '+74951230077';
function entity(kind, title) {
    return { kind, phone: PHONE, title, responsibleExtension: '201', contact: null, source: 'inbound' };
}
function aCall(create) {
    return { callId: '1795413999.7', direction: 'inbound', phone: PHONE, line: '4951230000', startedAtMs: T0, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: ['201'], create };
}
describe('bitrix24 createOnRegister against the emulator ($result references resolved by the portal)', () => {
    it('creates a contact and a deal bound to it and registers the call bound to the contact, in one request', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        expect(adapter.createOnRegister).toBe(true);
        const before = emu.stats.requests;
        const ref = await adapter.registerCall(aCall([entity('contact', 'No name'), entity('deal', `Incoming call ${PHONE}`)]));
        expect(emu.stats.requests - before).toBe(1);
        expect(emu.stats.log.at(-1)?.methods).toEqual(['crm.contact.add', 'crm.deal.add', 'telephony.externalcall.register']);
        const contact = emu.state.entities.find((e) => e.kind === 'CONTACT');
        const deal = emu.state.entities.find((e) => e.kind === 'DEAL');
        expect(String(deal?.fields['CONTACT_ID'])).toBe(String(contact?.id));
        expect(ref.entity).toEqual({ kind: 'contact', id: String(contact?.id) });
        expect(ref.created).toEqual([{ kind: 'contact', id: String(contact?.id) }, { kind: 'deal', id: String(deal?.id) }]);
        expect(String(emu.state.registered()[0]?.params['CRM_ENTITY_ID'])).toBe(String(contact?.id));
    });
    it('register failing in the batch: the retry registers bound to the contact already created, creating nothing', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        emu.failNext('telephony.externalcall.register', { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
        await expect(adapter.registerCall(aCall([entity('contact', 'No name')]))).rejects.toMatchObject({ name: 'RetryableError' });
        expect(emu.state.entities.filter((e) => e.kind === 'CONTACT')).toHaveLength(1);
        const ref = await adapter.registerCall(aCall([entity('contact', 'No name')]));
        const contacts = emu.state.entities.filter((e) => e.kind === 'CONTACT');
        expect(contacts).toHaveLength(1);
        expect(ref.entity).toEqual({ kind: 'contact', id: String(contacts[0]?.id) });
        expect(ref.created).toEqual([{ kind: 'contact', id: String(contacts[0]?.id) }]);
        expect(emu.state.registered()).toHaveLength(1);
        expect(String(emu.state.registered()[0]?.params['CRM_ENTITY_ID'])).toBe(String(contacts[0]?.id));
    });
    it('register refused with OPERATION_TIME_LIMIT after the contact was created: the chain is not resent, the retry creates nothing', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        emu.failNext('telephony.externalcall.register', { status: 503, error: 'OPERATION_TIME_LIMIT', description: 'Method is blocked due to operation time limit.' });
        await expect(adapter.registerCall(aCall([entity('contact', 'No name')]))).rejects.toMatchObject({ name: 'RetryableError' });
        expect(emu.state.entities.filter((e) => e.kind === 'CONTACT')).toHaveLength(1);
        await adapter.registerCall(aCall([entity('contact', 'No name')]));
        expect(emu.state.entities.filter((e) => e.kind === 'CONTACT')).toHaveLength(1);
        expect(emu.state.registered()).toHaveLength(1);
    });
});
