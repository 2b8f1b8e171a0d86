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
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).message;
      for (const name of ['AMI_PORT', 'CRM_ADAPTER', 'AMI_USERNAME', 'AMI_SECRET', 'API_TOKEN']) expect(text).toContain(name);
    }
  });
});
