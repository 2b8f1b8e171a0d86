import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
const minimal = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'a-long-enough-token' };
describe('loadConfig', () => {
    it('applies defaults for everything optional', () => {
        const c = loadConfig(minimal);
        expect(c.crm.adapter).toBe('local');
        expect(c.http.host).toBe('127.0.0.1');
        expect(c.ami.port).toBe(5038);
    });
    it('reports every bad variable at once, by name', () => {
        try {
            loadConfig({ AMI_PORT: 'x', CRM_ADAPTER: 'salesforce' });
            expect.unreachable();
        }
        catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const text = err.message;
            for (const name of ['AMI_PORT', 'CRM_ADAPTER', 'AMI_USERNAME', 'AMI_SECRET', 'API_TOKEN'])
                expect(text).toContain(name);
        }
    });
});
describe('account code settings', () => {
    it('reads the list, the rule and learning into the tracker rules', () => {
        const c = loadConfig({
            ...minimal, ACCOUNT_CODE_EXTENSIONS: '150010063=2401, 150010004=204', ACCOUNT_CODE_PATTERN: '^1500100(\\d\\d)$',
            ACCOUNT_CODE_EXTENSION: '2$1', ACCOUNT_CODE_LEARN: 'false',
        });
        expect(c.accounts).toEqual({ accounts: { '150010063': '2401', '150010004': '204' }, pattern: '^1500100(\\d\\d)$', template: '2$1', learn: false });
        expect(loadConfig(minimal).accounts).toEqual({ accounts: {}, pattern: null, template: '$1', learn: true });
    });
    it('names the variable of a bad pair or a bad pattern', () => {
        expect(() => loadConfig({ ...minimal, ACCOUNT_CODE_EXTENSIONS: '150010001:201' })).toThrow(/ACCOUNT_CODE_EXTENSIONS: "150010001:201"/);
        expect(() => loadConfig({ ...minimal, ACCOUNT_CODE_PATTERN: '^(15' })).toThrow(/ACCOUNT_CODE_PATTERN/);
    });
});
