import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/env-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { COMMENTED_IN_EXAMPLE, envExample, REQUIRED } from '../../../scripts/config-docs.js';
const FILLED = { AMI_USERNAME: 'crm', AMI_SECRET: 'crm-secret-1', API_TOKEN: 'a-long-enough-token-123' };
/** .env.example as dotenv reads it, with the three required values filled in as a user would. */
function exampleEnv() {
    const env = parse(readFileSync('.env.example', 'utf8'));
    for (const [key, value] of Object.entries(FILLED)) {
        expect(env[key], `${key} is listed empty for the user to fill`).toBe('');
        env[key] = value;
    }
    return env;
}
describe('.env.example', () => {
    it('copied verbatim with AMI_USERNAME, AMI_SECRET and API_TOKEN filled, loads through the real config loader', () => {
        const config = loadConfig(exampleEnv());
        expect(config.http.apiToken).toBe(FILLED.API_TOKEN);
        expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    });
    it('every value it sets is what the daemon would use with the variable unset (no "[object Object]")', () => {
        const env = exampleEnv();
        const set = Object.keys(env).filter((k) => !REQUIRED.has(k));
        expect(set.length).toBeGreaterThan(40);
        for (const key of set) {
            const schema = EnvSchema.shape[key];
            expect(schema, `${key} is a variable the daemon reads`).toBeDefined();
            expect(schema?.parse(env[key]), key).toEqual(schema?.parse(undefined));
            expect(env[key], key).not.toMatch(/\[object /);
        }
    });
    it('leaves HTTP_HOST commented out, so the image\'s 0.0.0.0 survives `docker run --env-file`', () => {
        expect(Object.keys(COMMENTED_IN_EXAMPLE)).toContain('HTTP_HOST');
        expect(exampleEnv()).not.toHaveProperty('HTTP_HOST');
        expect(readFileSync('.env.example', 'utf8')).toMatch(/^# HTTP_HOST=127\.0\.0\.1$/m);
        expect(loadConfig({ ...exampleEnv(), HTTP_HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
    });
    it('lists a variable whose default is a map (ONLYOFFICE_USERS) commented out, not as its parsed object', () => {
        expect(envExample()).toMatch(/^# ONLYOFFICE_USERS=$/m);
    });
});
