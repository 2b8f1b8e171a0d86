import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/console/console-users.js';
describe('npm run console:hash-password', () => {
    it('reads the password from standard input and prints a hash that checks it', async () => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/console-hash-password.ts'], { input: 'a long enough secret\n', encoding: 'utf8' });
        expect(run.status).toBe(0);
        const hash = run.stdout.trim();
        expect(hash).toMatch(/^scrypt\$/);
        expect(run.stdout).not.toContain('a long enough secret');
        expect(await verifyPassword('a long enough secret', hash)).toBe(true);
    });
    it('refuses a short password', () => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/console-hash-password.ts'], { input: 'short', encoding: 'utf8' });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
    });
});
