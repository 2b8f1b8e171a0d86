/**
 * `npm run bench`: runs bench/ingest, bench/scale, then bench/route, bench/bitrix24, bench/bitrix24-requests, bench/reports and bench/console when they exist, each as its own child process
 * so one failing does not hide the others; prints a summary at the end. `npm run bench` compiles the project to
 * .bench-dist/ first and runs it with plain node, as production runs `dist/` (tsx alone costs CPU and ≈ 15 MB of RSS);
 * run directly with tsx (`npx tsx bench/run-all.ts`) it runs the TypeScript sources.
 * It takes no arguments (`--help` prints this); run a single bench directly to pass options.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../harness/bench-args.js';
benchArgs(import.meta.url, {}); // takes no arguments; --help prints this file's header
const BENCHES = ['ingest', 'scale', 'route', 'bitrix24', 'bitrix24-requests', 'reports', 'console'];
const DIR = fileURLToPath(new URL('.', import.meta.url));
const COMPILED = import.meta.url.endsWith('.js');
const EXT = COMPILED ? 'js' : 'ts';
const VERDICT = /^\s*(PASS|MISS)\b.*$|^targets\b[^:\n]*:[ \t]*\S.*$/gm;
function runOne(name) {
    const file = join(DIR, `${name}.${EXT}`);
    if (!existsSync(file))
        return Promise.resolve({ name, status: 'missing', seconds: 0, detail: `bench/${name}.${EXT} not found`, verdicts: [] });
    console.log(`\n=== bench/${name} (${COMPILED ? 'compiled, node' : 'tsx'}) ===`);
    const startedMs = Date.now();
    return new Promise((resolve) => {
        const child = COMPILED
            ? spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] })
            : spawn('npx', ['tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
        const seconds = () => (Date.now() - startedMs) / 1000;
        const verdicts = () => [...output.matchAll(VERDICT)].map((m) => m[0].trim());
        child.once('error', (err) => resolve({ name, status: 'failed', seconds: seconds(), detail: err.message, verdicts: [] }));
        child.once('close', (code, signal) => {
            const ok = code === 0;
            resolve({ name, status: ok ? 'ok' : 'failed', seconds: seconds(), detail: ok ? '' : `exit ${signal ?? String(code)}`, verdicts: verdicts() });
        });
    });
}
async function main() {
    const outcomes = [];
    for (const name of BENCHES)
        outcomes.push(await runOne(name));
    console.log('\n=== summary ===');
    for (const o of outcomes) {
        const time = o.status === 'missing' ? '' : ` in ${o.seconds.toFixed(1)} s`;
        console.log(`  ${o.status.toUpperCase().padEnd(7)} bench/${o.name}${time}${o.detail ? ` (${o.detail})` : ''}`);
        for (const v of o.verdicts)
            console.log(`            ${v}`);
    }
    if (outcomes.some((o) => o.status === 'failed'))
        process.exitCode = 1;
}
void main();
