import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headerUsage } from '../../../harness/bench-args.js';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Runs a bench entry point the way `npx tsx bench/<name>.ts …` does. */
function bench(name, args) {
    return spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
}
describe('bench entry points', () => {
    it.each([
        ['ingest', 'Run: npx tsx bench/ingest.ts [--calls 1000]'],
        ['route', 'Run: npx tsx bench/route.ts [--requests 20000]'],
        ['bitrix24', 'Run: npx tsx bench/bitrix24.ts'],
        ['chaos', 'CHAOS_CALLS=200'],
        ['run-all', '`npm run bench`'],
    ])('%s --help prints its usage and exits 0 without starting anything', (name, expected) => {
        const r = bench(name, ['--help']);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain(expected);
        expect(r.stdout).not.toMatch(/^\s*\/?\*/m); // comment markers are stripped
    });
    it.each([['route', ['--bogus']], ['chaos', ['extra']]])('%s %j says what is wrong, prints the usage and exits 2', (name, args) => {
        const r = bench(name, args);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/Unknown option '--bogus'|Unexpected argument 'extra'/);
        expect(r.stderr).toContain(`bench/${name}`);
    });
});
describe('headerUsage', () => {
    it('returns the leading doc comment as plain text', () => {
        expect(headerUsage('/**\n * First line.\n * Run: x --y\n */\nimport a from "b";\n/** not this */')).toBe('First line.\nRun: x --y\n');
        expect(headerUsage('import a from "b";')).toBe('');
    });
});
