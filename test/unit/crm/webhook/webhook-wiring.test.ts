import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/config/load-config.js';
import { createCrmAdapter } from '../../../../src/crm/registry.js';
import { silentLogger } from '../../../../src/log.js';

const BASE = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'webhook' };

describe('CRM_ADAPTER=webhook in the main configuration', () => {
  it('reports missing WEBHOOK_* variables by name', () => {
    const err = (() => { try { loadConfig(BASE); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join('\n')).toMatch(/WEBHOOK_URL: required[\s\S]*WEBHOOK_SECRET: required/);
  });

  it('loads Config.webhook, adds its secrets, and the registry builds the adapter', () => {
    const config = loadConfig({ ...BASE, WEBHOOK_URL: 'https://crm.example.com/in?key=qk-4455', WEBHOOK_SECRET: 'w'.repeat(24) });
    expect(config.webhook?.url).toBe('https://crm.example.com/in?key=qk-4455');
    expect(config.onlyoffice).toBeNull();
    expect(config.secrets).toEqual(expect.arrayContaining(['w'.repeat(24), 'qk-4455']));
    const redis = new Redis({ lazyConnect: true });
    expect(createCrmAdapter(config, { redis, log: silentLogger() }).name).toBe('webhook');
    redis.disconnect();
  });
});
