/**
 * `npm run docs:config`: writes README's configuration table and .env.example from the env schema (defaults)
 * and scripts/env-docs.ts (meanings). test/unit/config/config-docs.test.ts fails when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '../src/config/env-schema.js';
import { ENV_DOCS } from './env-docs.js';

const REQUIRED = new Set(['AMI_USERNAME', 'AMI_SECRET', 'API_TOKEN']);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A parsed default written back as the variable's text: lists comma-separated, maps (ONLYOFFICE_USERS) as k=v pairs. */
function envText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(',');
  return String(v);
}

export function envDefaults(): Record<string, string> {
  const parsed = EnvSchema.parse({ AMI_USERNAME: 'x', AMI_SECRET: 'x'.repeat(8), API_TOKEN: 'x'.repeat(16) }) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = parsed[key];
    out[key] = REQUIRED.has(key) ? '' : envText(v);
  }
  return out;
}

export function configTable(): string {
  const defaults = envDefaults();
  const rows = Object.keys(EnvSchema.shape).map((key) => {
    const d = REQUIRED.has(key) ? '**required**' : defaults[key] === '' ? '—' : `\`${(defaults[key] ?? '').replaceAll('|', '\\|')}\``;
    return `| \`${key}\` | ${d} | ${(ENV_DOCS[key] ?? '').replaceAll('|', '\\|')} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function envExample(): string {
  const defaults = envDefaults();
  const lines = ['# pbx-crm-bridge configuration: every variable, with its default. Copy to .env and edit.', '# Meanings: README.md, "Configuration".', ''];
  for (const key of Object.keys(EnvSchema.shape)) {
    lines.push(`# ${ENV_DOCS[key] ?? ''}`);
    const value = REQUIRED.has(key) ? '' : defaults[key] ?? '';
    lines.push(`${REQUIRED.has(key) || value !== '' ? '' : '# '}${key}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

export function readmeWithTable(readme: string): string {
  const start = '<!-- config-table:start -->';
  const end = '<!-- config-table:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error('README.md lacks the config-table markers');
  return `${readme.slice(0, a + start.length)}\n${configTable()}\n${readme.slice(b)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, readmeWithTable(readFileSync(readmePath, 'utf8')));
  writeFileSync(join(root, '.env.example'), envExample());
  process.stdout.write('README.md configuration table and .env.example written\n');
}
