/**
 * `npm run docs:config`: writes README's configuration table and .env.example from the env schema (defaults)
 * and scripts/env-docs.ts (meanings). test/unit/config/config-docs.test.ts fails when they are out of date.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { EnvSchema, crmEnvDocs } from '../src/config/env-schema.js';
import { CRM_MODULES } from '../src/crm/crm-modules.js';
import { ENV_DOCS as CORE_ENV_DOCS } from './env-docs.js';
/** `local`, `bitrix24`, … or `webhook`: the CRM modules of this build (src/crm/crm-modules.ts), the first the default. */
function crmAdapterDoc() {
    const names = CRM_MODULES.map((m) => `\`${m.name}\``);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : names.join('');
}
/** Every variable's meaning: the core ones (scripts/env-docs.ts), CRM_ADAPTER's choices, and each CRM module's own. */
export const ENV_DOCS = { ...CORE_ENV_DOCS, CRM_ADAPTER: crmAdapterDoc(), ...crmEnvDocs(CRM_MODULES) };
export const REQUIRED = new Set(['AMI_USERNAME', 'AMI_SECRET', 'API_TOKEN']);
/** Shown but commented out in .env.example, with the reason: `docker run --env-file .env` must not override these. */
export const COMMENTED_IN_EXAMPLE = {
    HTTP_HOST: 'the Docker image sets 0.0.0.0; uncomment only to bind elsewhere',
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The default a variable's schema declares, as written before any transform (`''` for ONLYOFFICE_USERS, not `{}`). */
function declaredDefault(schema) {
    const def = schema._zod.def;
    if (def.type === 'default' || def.type === 'prefault')
        return { value: def.defaultValue };
    if (def.type === 'pipe' && def.in)
        return declaredDefault(def.in);
    if ((def.type === 'optional' || def.type === 'nullable') && def.innerType)
        return declaredDefault(def.innerType);
    return null;
}
function asEnvText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
        return value.join(',');
    return null;
}
/**
 * The default of `key` as env text, or '' when it has none or none that writes back as itself: the text must read
 * back unchanged through dotenv (no `#`, quotes or edge spaces) and must parse to what the variable left unset gives.
 */
function defaultText(key) {
    const schema = EnvSchema.shape[key];
    if (!schema)
        return '';
    const declared = declaredDefault(schema);
    const text = declared ? asEnvText(declared.value) : null;
    if (text === null || text === '')
        return '';
    if (parseDotenv(`${key}=${text}`)[key] !== text)
        return '';
    const written = schema.safeParse(text);
    return written.success && isDeepStrictEqual(written.data, schema.parse(undefined)) ? text : '';
}
export function envDefaults() {
    const out = {};
    for (const key of Object.keys(EnvSchema.shape))
        out[key] = REQUIRED.has(key) ? '' : defaultText(key);
    return out;
}
export function configTable() {
    const defaults = envDefaults();
    const rows = Object.keys(EnvSchema.shape).map((key) => {
        const d = REQUIRED.has(key) ? '**required**' : defaults[key] === '' ? '—' : `\`${(defaults[key] ?? '').replaceAll('|', '\\|')}\``;
        return `| \`${key}\` | ${d} | ${(ENV_DOCS[key] ?? '').replaceAll('|', '\\|')} |`;
    });
    return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
export function envExample() {
    const defaults = envDefaults();
    const lines = ['# pbx-crm-bridge configuration: every variable, with its default. Copy to .env and edit.', '# Meanings: README.md, "Configuration".', ''];
    for (const key of Object.keys(EnvSchema.shape)) {
        lines.push(`# ${ENV_DOCS[key] ?? ''}`);
        const value = REQUIRED.has(key) ? '' : defaults[key] ?? '';
        const why = COMMENTED_IN_EXAMPLE[key];
        if (why)
            lines.push(`# (${why})`);
        lines.push(`${REQUIRED.has(key) || (value !== '' && !why) ? '' : '# '}${key}=${value}`);
    }
    return `${lines.join('\n')}\n`;
}
export function readmeWithTable(readme) {
    const start = '<!-- config-table:start -->';
    const end = '<!-- config-table:end -->';
    const a = readme.indexOf(start);
    const b = readme.indexOf(end);
    if (a < 0 || b < a)
        throw new Error('README.md lacks the config-table markers');
    return `${readme.slice(0, a + start.length)}\n${configTable()}\n${readme.slice(b)}`;
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const readmePath = join(root, 'README.md');
    writeFileSync(readmePath, readmeWithTable(readFileSync(readmePath, 'utf8')));
    writeFileSync(join(root, '.env.example'), envExample());
    process.stdout.write('README.md configuration table and .env.example written\n');
}
