import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/env-schema.js';
import { ENV_DOCS, envExample, readmeWithTable } from '../../../scripts/config-docs.js';
describe('configuration docs', () => {
    it('describe every environment variable the daemon reads, and nothing else', () => {
        expect(Object.keys(ENV_DOCS).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
    });
    it('are up to date in README.md and .env.example (run npm run docs:config)', () => {
        const readme = readFileSync('README.md', 'utf8');
        expect(readmeWithTable(readme)).toBe(readme);
        expect(readFileSync('.env.example', 'utf8')).toBe(envExample());
    });
});
