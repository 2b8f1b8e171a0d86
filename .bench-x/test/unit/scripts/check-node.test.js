import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
const SCRIPT = fileURLToPath(new URL('../../../scripts/check-node.mjs', import.meta.url));
const OLD_NODE = '/usr/bin/node';
/** Runs the check under this node, with process.versions.node replaced before the script starts. */
function checkAs(version, node = process.execPath) {
    const fake = version === null ? [] : ['--import', `data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:${JSON.stringify(version)}}})`];
    return spawnSync(node, [...fake, SCRIPT], { encoding: 'utf8' });
}
describe('scripts/check-node.mjs', () => {
    it('stops an old Node.js at once with the version it needs and the one it found', () => {
        const r = checkAs('20.11.1');
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('Node.js 22 or newer is required (found 20.11.1)');
    });
    it('lets Node.js 22 and newer through silently', () => {
        for (const version of ['22.0.0', '24.21.0']) {
            const r = checkAs(version);
            expect(r.status, version).toBe(0);
            expect(r.stderr + r.stdout).toBe('');
        }
        expect(checkAs(null).status).toBe(0);
    });
    it('takes the required major from package.json engines.node', () => {
        const engines = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).engines.node;
        expect(engines).toBe('>=22');
        expect(checkAs('21.99.0').stderr).toContain('Node.js 22 or newer');
    });
    it('runs on the old Node.js itself when one is installed (the system node here is 20)', () => {
        const probe = spawnSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' });
        if (probe.error || Number(probe.stdout.split('.')[0]) >= 22)
            return; // no old node on this machine
        const r = checkAs(null, OLD_NODE);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain(`Node.js 22 or newer is required (found ${probe.stdout.trim()})`);
    });
    it('runs first in npm start, test, demo, dev, bench and chaos', () => {
        const scripts = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).scripts;
        for (const name of ['start', 'test', 'demo', 'dev', 'bench', 'chaos'])
            expect(scripts[name], name).toMatch(/^node scripts\/check-node\.mjs && /);
        expect(scripts['start']).toContain('--max-old-space-size=${NODE_MAX_OLD_SPACE_MB:-256}');
    });
});
