import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../../src/config/load-config.js';
import { buildCrmSide } from '../../../../src/daemon/crm-side.js';
import { createOnlyofficeAdapter } from '../../../../src/crm/onlyoffice/onlyoffice-adapter.js';
import { onlyofficeCrm } from '../../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { silentLogger } from '../../../../src/log.js';
import { startOnlyofficeEmulator } from '../../../../harness/crm/onlyoffice-emulator.js';
import { OO_USERS_ENV } from '../../../support/onlyoffice-harness.js';
import { testRedis, uniquePrefix } from '../../../support/test-redis.js';
const TOKEN = 'emu-token-client-data-1';
async function setup(clientTags) {
    const emu = await startOnlyofficeEmulator({ token: TOKEN });
    onTestFinished(() => emu.close());
    const oo = onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: emu.url, ONLYOFFICE_TOKEN: TOKEN, ONLYOFFICE_USERS: OO_USERS_ENV });
    const clientData = { fields: [], tags: clientTags };
    const adapter = createOnlyofficeAdapter(oo, { redis: testRedis(), prefix: uniquePrefix(), log: silentLogger(), clientData });
    const phone = '+74957654321';
    const contact = await adapter.createEntity({ kind: 'contact', phone, title: 'Ivan Petrov', responsibleExtension: null, contact: null, source: 'inbound' });
    const stored = emu.state.contacts.find((c) => String(c.ID) === contact.id);
    if (stored)
        Object.assign(stored, { tags: ['VIP', 'reseller'], ContactType: { ID: 2, Title: 'Client' } });
    return { emu, adapter, phone };
}
describe('ONLYOFFICE client data for routing rules', () => {
    it('reads the contact type from the search reply and the tags from crm/contact/{id}/tag when a rule names a tag', async () => {
        const { adapter, phone } = await setup(true);
        expect((await adapter.findByPhone(phone))?.client).toEqual({ fields: { isCompany: 'false', contactType: 'Client' }, tags: ['VIP', 'reseller'] });
    });
    it('asks for no tags when no rule names one', async () => {
        const { adapter, emu, phone } = await setup(false);
        expect((await adapter.findByPhone(phone))?.client).toEqual({ fields: { isCompany: 'false', contactType: 'Client' }, tags: [] });
        expect(emu.requests.some((r) => r.path.endsWith('/tag'))).toBe(false);
    });
    it('gets the tags in the daemon when the rules file names a tag (CrmDeps.clientData from the client rules)', async () => {
        const { emu, phone } = await setup(false);
        const dir = mkdtempSync(join(tmpdir(), 'pcb-rules-'));
        const rules = (clientRules) => {
            const path = join(dir, `rules-${clientRules.length}.json`);
            writeFileSync(path, JSON.stringify({ clientRules }));
            return path;
        };
        const side = (rulesFile) => {
            const config = loadConfig({
                AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', REDIS_PREFIX: uniquePrefix(),
                CRM_ADAPTER: 'onlyoffice', ONLYOFFICE_URL: emu.url, ONLYOFFICE_TOKEN: TOKEN, ONLYOFFICE_USERS: OO_USERS_ENV, RULES_FILE: rulesFile,
            });
            const hooks = { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined };
            return buildCrmSide(config, testRedis(), silentLogger(), hooks, false).crm;
        };
        const tagged = side(rules([{ name: 'vip', tag: 'VIP', target: { extension: '301' } }]));
        expect((await tagged.findByPhone(phone))?.client?.tags).toEqual(['VIP', 'reseller']);
        const untagged = side(rules([]));
        expect((await untagged.findByPhone(phone))?.client?.tags).toEqual([]);
    });
});
