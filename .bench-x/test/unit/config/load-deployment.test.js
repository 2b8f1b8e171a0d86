import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load-config.js';
import { loadDeployment } from '../../../src/config/load-deployment.js';
const HASH = `sha256:${'ab'.repeat(32)}`;
const dir = mkdtempSync(join(tmpdir(), 'pcb-deployment-unit-'));
let n = 0;
function file(content, ext = 'json') {
    const path = join(dir, `d${n++}.${ext}`);
    writeFileSync(path, content);
    return path;
}
const env = (path, more = {}) => ({ DEPLOYMENT_FILE: path, API_TOKEN: 'admin-token-0123456789', AMI_SECRET_ACME: 'amisecret1', ...more });
const pbx = (more = {}) => ({ id: 'office1', host: '10.0.0.5', username: 'crm', secret: 'env:AMI_SECRET_ACME', ...more });
const tenant = (more = {}) => ({ id: 'acme', apiTokens: [HASH], crm: { adapter: 'local' }, pbxs: [pbx()], ...more });
function problems(content, more = {}) {
    try {
        loadDeployment(env(file(JSON.stringify(content)), more));
    }
    catch (err) {
        if (err instanceof ConfigError)
            return [...err.problems];
        throw err;
    }
    return [];
}
describe('loadDeployment', () => {
    it('without DEPLOYMENT_FILE is the env\'s one tenant and PBX, keys and call ids as before', () => {
        const d = loadDeployment({ AMI_USERNAME: 'crm', AMI_SECRET: 'amisecret1', API_TOKEN: 'admin-token-0123456789' });
        expect(d.file).toBeNull();
        expect(d.tenants).toHaveLength(1);
        expect(d.tenants[0]?.config.redis.prefix).toBe('pcb');
        expect(d.tenants[0]?.pbxs[0]?.callIdPrefix).toBe('');
        expect(d.tenants[0]?.tokens.plain).toBe('admin-token-0123456789');
    });
    it('reads YAML and JSON; each tenant has its prefix, CRM and settings, each PBX its AMI, trunks and call-id prefix', () => {
        const yaml = file([
            'tenants:',
            '  - id: acme',
            `    apiTokens: ["${HASH}"]`,
            '    crm: { adapter: webhook, url: "https://crm.example/hook", secretFile: "' + file('whsec-0123456789abcdef\n', 'txt') + '" }',
            '    settings: { crmCreate: lead, MISSED_OWNER: last }',
            '    pbxs:',
            '      - { id: office1, flavour: mikopbx, host: 10.0.0.5, username: crm, secret: "env:AMI_SECRET_ACME", country: NL }',
            '      - { id: office2, host: 10.0.1.5, port: 5039, username: crm, secret: plainsecret, trunkChannelPatterns: ["^PJSIP/t-\\\\d{2,3}$"] }',
        ].join('\n'), 'yaml');
        const d = loadDeployment(env(yaml, { REDIS_PREFIX: 'x' }));
        const [t] = d.tenants;
        expect(t?.config.redis.prefix).toBe('x.acme');
        expect(t?.config.crm.adapter).toBe('webhook');
        expect(t?.config.sync).toMatchObject({ create: 'lead', missedOwner: 'last' });
        expect(t?.tokens).toEqual({ plain: null, sha256: ['ab'.repeat(32)] });
        const [p1, p2] = t?.pbxs ?? [];
        expect(p1?.config.ami).toMatchObject({ host: '10.0.0.5', port: 5038, secret: 'amisecret1' });
        expect(p1?.config.callControl.originate).toMatchObject({ context: 'all_peers', channelTemplate: 'Local/{ext}@internal-originate', cidVariable: 'pt1c_cid' });
        expect(p1?.config.trunk.channelPatterns).toEqual(['^PJSIP/SIP-TRUNK-', '^SIP/SIP-TRUNK-']);
        expect(p1?.config.numbers.defaultCountry).toBe('NL');
        expect(p2?.config.trunk.channelPatterns).toEqual(['^PJSIP/t-\\d{2,3}$']); // a comma inside a pattern survives
        expect(p2?.config.ami.port).toBe(5039);
        expect([p1?.callIdPrefix, p2?.callIdPrefix]).toEqual(['office1~', 'office2~']);
        expect(p1?.config.secrets).toEqual(expect.arrayContaining(['amisecret1', 'whsec-0123456789abcdef']));
    });
    it('reports every problem at once, each with its place in the file', () => {
        const found = problems({
            tenants: [
                tenant({ settings: { CRM_CREATE: 'all', REDIS_URL: 'redis://elsewhere', NO_SUCH: 1 }, pbxs: [pbx({ secret: 'env:UNSET_VAR' }), pbx({ settings: { CRM_CREATE: 'lead' } })] }),
                tenant({ id: 'Bad Id', apiTokens: ['plain-token'] }),
                tenant({ pbxs: [pbx({ secret: 'env:AMI_SECRET_ACME', secretFile: '/x' })] }),
            ],
        }).join('\n');
        expect(found).toMatch(/tenants\[0\]\.settings\.CRM_CREATE \(CRM_CREATE\)/);
        expect(found).toMatch(/tenants\[0\]\.settings\.REDIS_URL: REDIS_URL is the process's own setting/);
        expect(found).toMatch(/tenants\[0\]\.settings\.NO_SUCH: unknown setting/);
        expect(found).toMatch(/tenants\[0\]\.pbxs\[0\]\.secret: the environment variable UNSET_VAR it refers to is not set/);
        expect(found).toMatch(/tenants\[0\]\.pbxs\[1\]\.id: PBX id "office1" is used twice/);
        expect(found).toMatch(/tenants\[0\]\.pbxs\[1\]\.settings\.CRM_CREATE: CRM_CREATE is a tenant setting/);
        expect(found).toMatch(/tenants\[1\]\.id: a tenant id/);
        expect(found).toMatch(/tenants\[1\]\.apiTokens\[0\]: must be sha256:/);
        expect(found).toMatch(/tenants\[2\]\.pbxs\[0\]\.secret: give the AMI secret as exactly one of/);
    });
    it('refuses a token shared by two tenants, an unreadable file, and says which CRM setting is missing', () => {
        expect(problems({ tenants: [tenant(), tenant({ id: 'globex' })] }).join('\n')).toMatch(/tenants\[1\]\.apiTokens\[0\]: this token also opens tenant acme/);
        expect(problems({ tenants: [tenant(), tenant({ apiTokens: [] })] }).join('\n')).toMatch(/tenants\[1\]\.id: tenant id "acme" is used twice/);
        expect(() => loadDeployment(env(join(dir, 'missing.yaml')))).toThrow(/DEPLOYMENT_FILE: cannot read/);
        expect(problems({ tenants: [tenant({ crm: { adapter: 'webhook' } })] }).join('\n')).toMatch(/WEBHOOK_URL/);
        expect(problems({ tenants: [tenant({ crm: { adapter: 'nosuch' } })] }).join('\n')).toMatch(/CRM_ADAPTER/);
    });
    it('never takes a tenant setting from the environment: one tenant\'s CRM cannot leak into another', () => {
        const path = file(JSON.stringify({ tenants: [tenant()] }));
        const d = loadDeployment(env(path, { CRM_ADAPTER: 'webhook', WEBHOOK_URL: 'https://other.example', CRM_CREATE: 'deal' }));
        expect(d.tenants[0]?.config.crm.adapter).toBe('local');
        expect(d.tenants[0]?.config.sync.create).toBe('contact');
    });
});
