import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
function rulesFile(clientRules) {
    const path = join(mkdtempSync(join(tmpdir(), 'pcb-rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify({ clientRules }));
    return path;
}
const FIELD_RULES = [
    { name: 'b2b', field: 'TYPE_ID', equals: 'PARTNER', target: { extension: '301' } },
    { name: 'hot', field: 'DEAL_STAGE_ID', equals: 'NEGOTIATION', target: { extension: '302' } },
];
describe('bitrix24 client data for routing rules', () => {
    it('reads the contact\'s fields (crm.contact.get) and its open deals\' stages when the rules name them', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { RULES_FILE: rulesFile(FIELD_RULES) } });
        const contact = await adapter.createEntity({ kind: 'contact', phone: '+74951234567', title: 'Ivan Petrov', responsibleExtension: '202', contact: null, source: 'inbound' });
        const stored = emu.state.entity('CONTACT', contact.id);
        Object.assign(stored?.fields ?? {}, { TYPE_ID: 'PARTNER', SOURCE_ID: 'CALL', UF_CRM_LANG: ['en', 'de'] });
        for (const [stage, closed] of [['NEGOTIATION', 'N'], ['WON', 'Y'], ['NEW', 'N']]) {
            emu.state.entities.push({ kind: 'DEAL', id: emu.state.newId(), fields: { CONTACT_ID: contact.id, STAGE_ID: stage, CLOSED: closed } });
        }
        const match = await adapter.findByPhone('+74951234567');
        expect(match).toMatchObject({ entity: contact, name: 'Ivan Petrov' });
        expect(match?.client?.tags).toEqual([]);
        expect(match?.client?.fields).toMatchObject({ TYPE_ID: 'PARTNER', SOURCE_ID: 'CALL', UF_CRM_LANG: ['en', 'de'], DEAL_STAGE_ID: ['NEGOTIATION', 'NEW'] });
        expect(match?.client?.fields).not.toHaveProperty('PHONE');
        expect(emu.stats.log.flatMap((r) => r.methods)).toEqual(expect.arrayContaining(['crm.contact.get', 'crm.deal.list']));
    });
    it('asks nothing more than before when no rule names a field', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { RULES_FILE: rulesFile([{ name: 'vip', tag: 'VIP', target: { extension: '301' } }]) } });
        await adapter.createEntity({ kind: 'contact', phone: '+74951234567', title: 'Ivan Petrov', responsibleExtension: '202', contact: null, source: 'inbound' });
        const match = await adapter.findByPhone('+74951234567');
        expect(match).not.toHaveProperty('client');
        const methods = emu.stats.log.flatMap((r) => r.methods);
        expect(methods).not.toContain('crm.contact.get');
        expect(methods).not.toContain('crm.deal.list');
    });
});
