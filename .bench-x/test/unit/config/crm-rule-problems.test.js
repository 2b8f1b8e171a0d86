import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
const minimal = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'a-long-enough-token' };
const onlyoffice = { ...minimal, CRM_ADAPTER: 'onlyoffice', ONLYOFFICE_URL: 'https://office.example.com', ONLYOFFICE_TOKEN: 'oo-token-abcdef123456' };
function problemsOf(env) {
    try {
        loadConfig(env);
        return [];
    }
    catch (err) {
        if (err instanceof ConfigError)
            return [...err.problems];
        throw err;
    }
}
/** What would otherwise fail every call's stage for good at run time stops the daemon at start, naming the fix. */
describe('settings that cannot work together', () => {
    it('ONLYOFFICE has no leads, and its opportunities need a stage', () => {
        expect(problemsOf({ ...onlyoffice, CRM_CREATE: 'lead' })).toEqual([expect.stringMatching(/^CRM_CREATE: ONLYOFFICE CRM has no leads/)]);
        expect(problemsOf({ ...onlyoffice, CRM_CREATE: 'deal' })).toEqual([expect.stringMatching(/^ONLYOFFICE_DEAL_STAGE_ID: required with CRM_CREATE=deal/)]);
        expect(problemsOf({ ...onlyoffice, CRM_CREATE: 'lead', CRM_SIMPLE_MODE: 'true' })).toHaveLength(1); // simple mode: a deal
        expect(problemsOf({ ...onlyoffice, CRM_CREATE: 'deal', ONLYOFFICE_DEAL_STAGE_ID: '3' })).toEqual([]);
        expect(problemsOf({ ...onlyoffice, CRM_CREATE: 'contact' })).toEqual([]);
        expect(problemsOf({ ...minimal, CRM_CREATE: 'lead' })).toEqual([]); // the local CRM has leads
    });
});
