import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
/**
 * dist/ (and so the image, which copies only dist/) holds the daemon and nothing else: the demo, the emulators, the
 * chaos rig and the other tooling live in harness/ (harness/README.md), which src/ never imports.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TOOLING = ['harness', 'test', 'bench', 'scripts', 'fixtures'];
/** The project files `npm run build` compiles (tsc's resolved list: includes plus everything they import). */
function buildFiles() {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr || r.stdout).toBe(0);
    return r.stdout.split(/\r?\n/).filter((f) => f !== '')
        .map((f) => relative(ROOT, f).split(sep).join('/'))
        .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('..'));
}
describe('build contents', () => {
    it('tsconfig.build.json compiles src/ only, into dist/', () => {
        const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
        expect(config.include).toEqual(['src']);
        expect(config.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    });
    it('every file the build compiles is under src/ and none is demo or harness code', () => {
        const files = buildFiles();
        expect(files).toContain('src/main.ts');
        expect(files.filter((f) => !f.startsWith('src/'))).toEqual([]);
        expect(files.filter((f) => /(^|\/)(demo|harness)(\/|[-.])/.test(f))).toEqual([]);
    });
    it('src/ has no demo or harness folder, anywhere', () => {
        const dirs = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
        expect(dirs.filter((d) => d === 'demo' || d === 'harness')).toEqual([]);
    });
    it('the image gets none of the tooling: the Dockerfile copies no tooling folder and .dockerignore keeps it out of the context', () => {
        const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
        const copies = dockerfile.split(/\r?\n/).filter((l) => /^\s*COPY\s/i.test(l));
        expect(copies.filter((l) => TOOLING.some((t) => new RegExp(`\\s\\.?/?${t}(/|\\s)`).test(l)) || /\s\.\s/.test(l))).toEqual([]);
        const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
        expect(TOOLING.filter((t) => !ignored.includes(t))).toEqual([]);
        for (const t of TOOLING)
            expect(existsSync(join(ROOT, t)), `${t}/ exists, so the check above means something`).toBe(true);
    });
});
