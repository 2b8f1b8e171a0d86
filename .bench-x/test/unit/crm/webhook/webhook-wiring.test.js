import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/config/load-config.js';
import { silentLogger } from '../../../../src/log.js';
import { memoryLogger } from '../../../support/ami-replay.js';
/** The webhook CRM has no inbound routes: nothing of the kit is used. */
const unusedKit = new Proxy({}, { get: () => { throw new Error('kit used'); } });
const BASE = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'webhook' };
describe('CRM_ADAPTER=webhook in the main configuration', () => {
    it('reports missing WEBHOOK_* variables by name', () => {
        const err = (() => { try {
            loadConfig(BASE);
        }
        catch (e) {
            return e;
        } return null; })();
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.problems.join('\n')).toMatch(/WEBHOOK_URL: required[\s\S]*WEBHOOK_SECRET: required/);
    });
    it('loads the webhook settings as Config.crm, adds its secrets, and builds the adapter with its parts', () => {
        const config = loadConfig({ ...BASE, WEBHOOK_URL: 'https://crm.example.com/in?key=qk-4455', WEBHOOK_SECRET: 'w'.repeat(24), WEBHOOK_CAPABILITIES: 'callCard,recording' });
        expect(config.crm.adapter).toBe('webhook');
        expect(config.crm.settings).toMatchObject({ url: 'https://crm.example.com/in?key=qk-4455', capabilities: ['callCard', 'recording'] });
        expect(config.secrets).toEqual(expect.arrayContaining(['w'.repeat(24), 'qk-4455']));
        const redis = new Redis({ lazyConnect: true });
        const adapter = config.crm.create({ redis, prefix: 'pcb', users: {}, log: silentLogger() });
        expect(adapter.name).toBe('webhook');
        expect([adapter.card !== undefined, adapter.recordings !== undefined, adapter.tasks, adapter.responsible]).toEqual([true, true, undefined, undefined]);
        expect(config.crm.routes(unusedKit)).toBeNull();
        redis.disconnect();
    });
    it('still starts with the retired leads/deals capabilities, ignoring them with one start-up warning', () => {
        const env = { ...BASE, WEBHOOK_URL: 'https://crm.example.com/in', WEBHOOK_SECRET: 'w'.repeat(24), WEBHOOK_CAPABILITIES: 'callCard,leads,deals,leads' };
        const config = loadConfig(env);
        expect(config.crm.settings).toMatchObject({ capabilities: ['callCard'], ignoredCapabilities: ['leads', 'deals'] });
        const redis = new Redis({ lazyConnect: true });
        const { log, lines } = memoryLogger('info');
        const adapter = config.crm.create({ redis, prefix: 'pcb', users: {}, log });
        expect([adapter.card !== undefined, adapter.tasks, adapter.recordings]).toEqual([true, undefined, undefined]);
        const warnings = lines().map((l) => JSON.parse(l)).filter((l) => l.level === 40);
        expect(warnings.map((w) => w.msg)).toEqual([expect.stringMatching(/^WEBHOOK_CAPABILITIES: leads, deals ignored/)]);
        const quiet = memoryLogger('info');
        loadConfig({ ...env, WEBHOOK_CAPABILITIES: 'callCard' }).crm.create({ redis, prefix: 'pcb', users: {}, log: quiet.log });
        expect(quiet.lines().filter((l) => l.includes('WEBHOOK_CAPABILITIES'))).toEqual([]);
        redis.disconnect();
    });
});
