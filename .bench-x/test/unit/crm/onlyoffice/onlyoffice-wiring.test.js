import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/config/load-config.js';
import { silentLogger } from '../../../../src/log.js';
const BASE = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'onlyoffice' };
describe('CRM_ADAPTER=onlyoffice in the main configuration', () => {
    it('reports missing ONLYOFFICE_* variables by name', () => {
        const err = (() => { try {
            loadConfig(BASE);
        }
        catch (e) {
            return e;
        } return null; })();
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.problems.join('\n')).toMatch(/ONLYOFFICE_URL: required[\s\S]*ONLYOFFICE_TOKEN: set it/);
    });
    it('loads the ONLYOFFICE settings as Config.crm, adds its secrets, and builds the adapter with its parts', () => {
        const config = loadConfig({ ...BASE, ONLYOFFICE_URL: 'https://office.example.com', ONLYOFFICE_USERNAME: 'pbx', ONLYOFFICE_PASSWORD: 'pw-77665544' });
        expect(config.crm.adapter).toBe('onlyoffice');
        expect(config.crm.settings).toMatchObject({ auth: { kind: 'login' } });
        expect(config.secrets).toContain('pw-77665544');
        const redis = new Redis({ lazyConnect: true });
        const adapter = config.crm.create({ redis, prefix: 'pcb', users: {}, log: silentLogger() });
        expect(adapter.name).toBe('onlyoffice');
        const parts = { card: adapter.card, tasks: adapter.tasks, responsible: adapter.responsible, recordings: adapter.recordings };
        expect(Object.entries(parts).filter(([, p]) => p !== undefined).map(([k]) => k)).toEqual(['tasks', 'recordings']);
        redis.disconnect();
    });
});
