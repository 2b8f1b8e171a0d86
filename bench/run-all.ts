/**
 * `npm run bench`: runs bench/ingest.ts, then bench/route.ts and bench/bitrix24.ts when they exist, each as its own
 * child process (`npx tsx bench/<name>.ts`) so one failing does not hide the others; prints a summary at the end.
 * Extra arguments are not forwarded; run a single bench directly to pass options.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = ['ingest', 'route', 'bitrix24'] as const;
const DIR = fileURLToPath(new URL('.', import.meta.url));

interface Outcome {
  readonly name: string;
  readonly status: 'ok' | 'failed' | 'missing';
  readonly seconds: number;
  readonly detail: string;
  /** The bench's own PASS/MISS lines, repeated in the summary. */
  readonly verdicts: readonly string[];
}

const VERDICT = /^\s*(PASS|MISS)\b.*$|^targets\b[^:\n]*:[ \t]*\S.*$/gm;

function runOne(name: string): Promise<Outcome> {
  const file = join(DIR, `${name}.ts`);
  if (!existsSync(file)) return Promise.resolve({ name, status: 'missing', seconds: 0, detail: `bench/${name}.ts not found`, verdicts: [] });
  console.log(`\n=== bench/${name}.ts ===`);
  const startedMs = Date.now();
  return new Promise<Outcome>((resolve) => {
    const child = spawn('npx', ['tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { output += chunk; process.stdout.write(chunk); });
    const seconds = (): number => (Date.now() - startedMs) / 1000;
    const verdicts = (): string[] => [...output.matchAll(VERDICT)].map((m) => m[0].trim());
    child.once('error', (err) => resolve({ name, status: 'failed', seconds: seconds(), detail: err.message, verdicts: [] }));
    child.once('close', (code, signal) => {
      const ok = code === 0;
      resolve({ name, status: ok ? 'ok' : 'failed', seconds: seconds(), detail: ok ? '' : `exit ${signal ?? String(code)}`, verdicts: verdicts() });
    });
  });
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const name of BENCHES) outcomes.push(await runOne(name));
  console.log('\n=== summary ===');
  for (const o of outcomes) {
    const time = o.status === 'missing' ? '' : ` in ${o.seconds.toFixed(1)} s`;
    console.log(`  ${o.status.toUpperCase().padEnd(7)} bench/${o.name}.ts${time}${o.detail ? ` (${o.detail})` : ''}`);
    for (const v of o.verdicts) console.log(`            ${v}`);
  }
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

void main();
