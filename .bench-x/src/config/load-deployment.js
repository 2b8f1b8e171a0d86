import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CRM_MODULES } from '../crm/crm-modules.js';
import { EntryVariables, pbxVariables, processVariables, tenantVariables } from './deployment-env.js';
import { DeploymentTopSchema, TenantSchema, crossTenantProblems } from './deployment-schema.js';
import { envSchema } from './env-schema.js';
import { ConfigError, loadConfig } from './load-config.js';
/** The tenant and PBX of today's single-PBX env: call ids, keys and routes exactly as before. */
export const DEFAULT_TENANT = 'default';
export const DEFAULT_PBX = 'default';
export function deploymentOf(config) {
    const pbx = { id: DEFAULT_PBX, config, callIdPrefix: '', fingerprint: 'env' };
    const tenant = { id: DEFAULT_TENANT, config, pbxs: [pbx], tokens: { plain: config.http.apiToken, sha256: [] }, fingerprint: 'env' };
    return { file: null, tenants: [tenant], process: config, prefix: config.redis.prefix };
}
function hash(value) {
    return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
function readFile(path) {
    const text = readFileSync(path, 'utf8');
    return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
}
/** Prefixes a loadConfig problem (`AMI_SECRET: is too short`) with where in the file the value came from. */
function located(problem, vars, at) {
    const m = /^([A-Z][A-Z0-9_]+)\b(.*)$/s.exec(problem);
    const path = m?.[1] ? vars.paths.get(m[1]) : undefined;
    return path && m?.[1] ? `${path} (${m[1]})${m[2]}` : `${at}: ${problem}`;
}
function build(env, vars, t, at, modules, trunk, problems) {
    const full = { ...env, ...vars.values };
    const fingerprint = hash({ full, rules: t.rules ?? null, trunk: trunk ?? null });
    try {
        const config = loadConfig(full, modules, {
            ...(t.rules ? { rules: { value: t.rules, where: `${at}.rules` } } : {}),
            ...(trunk ? { trunk } : {}),
        });
        return { config: { ...config, secrets: [...config.secrets, ...vars.secrets] }, fingerprint };
    }
    catch (err) {
        if (!(err instanceof ConfigError))
            throw err;
        for (const p of err.problems)
            problems.add(located(p, vars, at));
        return { config: null, fingerprint };
    }
}
function tenantPlan(t, i, env, base, known, modules, problems) {
    const at = `tenants[${i}]`;
    const list = [];
    const prefix = `${base['REDIS_PREFIX'] ?? 'pcb'}.${t.id}`;
    const own = { ...base, REDIS_PREFIX: prefix };
    const tenantOnly = new EntryVariables(env, known, list);
    tenantVariables(t, at, tenantOnly);
    const fingerprint = hash({ own, values: tenantOnly.values, rules: t.rules ?? null });
    const pbxs = t.pbxs.map((p, j) => {
        const vars = new EntryVariables(env, known, []);
        tenantVariables(t, at, vars); // its problems are the tenant's, reported once above
        const trunk = pbxVariables(p, `${at}.pbxs[${j}]`, vars);
        for (const problem of vars.problems)
            list.push(problem);
        const built = build(own, vars, t, `${at}.pbxs[${j}]`, modules, trunk, problems);
        return built.config ? { id: p.id, config: built.config, callIdPrefix: `${p.id}~`, fingerprint: built.fingerprint } : null;
    });
    for (const p of list)
        problems.add(p);
    const ready = pbxs.filter((p) => p !== null);
    // the tenant's own parts (CRM, rules, console, …) are the same in each of its PBXs' Config: the first one's serve
    const config = ready.length === pbxs.length ? ready[0]?.config : undefined;
    if (!config)
        return null;
    return { id: t.id, config, pbxs: ready, tokens: { plain: null, sha256: t.apiTokens.map((tok) => tok.slice('sha256:'.length)) }, fingerprint };
}
/**
 * The deployment: DEPLOYMENT_FILE's tenants, or the environment's one PBX and CRM when it is unset. Throws ConfigError
 * with every problem, each naming its place in the file (`tenants[1].pbxs[0].secret (AMI_SECRET): …`).
 */
export function loadDeployment(env, modules = CRM_MODULES) {
    const file = env['DEPLOYMENT_FILE'];
    if (!file)
        return deploymentOf(loadConfig(env, modules));
    let raw;
    try {
        raw = readFile(file);
    }
    catch (err) {
        throw new ConfigError([`DEPLOYMENT_FILE: cannot read ${file} (${err.message.split('\n')[0]}); fix the path or the file`]);
    }
    const where = (path) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top)';
    const top = DeploymentTopSchema.safeParse(raw);
    if (!top.success)
        throw new ConfigError(top.error.issues.map((i) => `DEPLOYMENT_FILE ${file}: ${where(i.path)}: ${i.message}`));
    const structural = [];
    const entries = [];
    top.data.tenants.forEach((t, index) => {
        const r = TenantSchema.safeParse(t);
        if (r.success)
            entries.push({ index, entry: r.data });
        else
            structural.push(...r.error.issues.map((i) => `${where(['tenants', index, ...i.path])}: ${i.message}`));
    });
    structural.push(...crossTenantProblems(entries).map((p) => `${where(p.path)}: ${p.message}`));
    const known = new Set(Object.keys(envSchema(modules).shape));
    const base = processVariables(env, known);
    const problems = new Set(structural);
    // every tenant whose shape is right has its settings checked too, so one pass reports every problem
    const tenants = entries.map(({ entry, index }) => tenantPlan(entry, index, env, base, known, modules, problems));
    const ready = tenants.filter((t) => t !== null);
    if (problems.size > 0 || ready.length !== tenants.length)
        throw new ConfigError([...problems].map((p) => `DEPLOYMENT_FILE ${file}: ${p}`));
    const process = ready[0]?.config;
    if (!process)
        throw new ConfigError([`DEPLOYMENT_FILE ${file}: no tenant`]);
    const plain = base['REDIS_PREFIX'] ?? 'pcb';
    return { file, tenants: ready, process, prefix: process.redis.connection.mode === 'cluster' ? `{${plain}}` : plain };
}
