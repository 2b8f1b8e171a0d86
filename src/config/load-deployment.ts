import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { CrmModule } from '../crm/crm-descriptor.js';
import { CRM_MODULES } from '../crm/crm-modules.js';
import type { Config } from './config.js';
import { EntryVariables, pbxVariables, processVariables, tenantVariables } from './deployment-env.js';
import { DeploymentTopSchema, TenantSchema, crossTenantProblems, type TenantEntry } from './deployment-schema.js';
import { envSchema } from './env-schema.js';
import { ConfigError, loadConfig, type LoadOptions } from './load-config.js';

/** One PBX of a tenant: its own Config (AMI, trunks, numbers, originate) and where its keys and call ids live. */
export interface PbxPlan {
  readonly id: string;
  readonly config: Config;
  /** Before every call id of this PBX (`office1~`); '' without a deployment file. */
  readonly callIdPrefix: string;
  /** Changes when anything this PBX is built from changes (a reload restarts only what changed). */
  readonly fingerprint: string;
}

/** How a tenant's API clients are recognised: the env's API_TOKEN (no file), or the file's sha256 hashes. */
export interface TenantTokens {
  readonly plain: string | null;
  readonly sha256: readonly string[];
}

export interface TenantPlan {
  readonly id: string;
  /** The tenant's Config (its CRM, rules, console, notifications; REDIS_PREFIX `<prefix>.<tenant>` with a file). */
  readonly config: Config;
  readonly pbxs: readonly PbxPlan[];
  readonly tokens: TenantTokens;
  /** Changes when the tenant's own settings change (not its PBXs or tokens). */
  readonly fingerprint: string;
}

export interface Deployment {
  /** The file it came from; null when the environment describes one PBX and one CRM. */
  readonly file: string | null;
  readonly tenants: readonly TenantPlan[];
  /** The process's own settings (Redis, HTTP listener, log, instance, queue, FastAGI): the same in every tenant's Config. */
  readonly process: Config;
  /** REDIS_PREFIX as keys start with it (`{…}` on a Cluster): the instances' lease registry; each tenant's is `<it>.<tenant>`. */
  readonly prefix: string;
}

/** The tenant and PBX of today's single-PBX env: call ids, keys and routes exactly as before. */
export const DEFAULT_TENANT = 'default';
export const DEFAULT_PBX = 'default';

export function deploymentOf(config: Config): Deployment {
  const pbx: PbxPlan = { id: DEFAULT_PBX, config, callIdPrefix: '', fingerprint: 'env' };
  const tenant: TenantPlan = { id: DEFAULT_TENANT, config, pbxs: [pbx], tokens: { plain: config.http.apiToken, sha256: [] }, fingerprint: 'env' };
  return { file: null, tenants: [tenant], process: config, prefix: config.redis.prefix };
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function readFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
}

/** Prefixes a loadConfig problem (`AMI_SECRET: is too short`) with where in the file the value came from. */
function located(problem: string, vars: EntryVariables, at: string): string {
  const m = /^([A-Z][A-Z0-9_]+)\b(.*)$/s.exec(problem);
  const path = m?.[1] ? vars.paths.get(m[1]) : undefined;
  return path && m?.[1] ? `${path} (${m[1]})${m[2]}` : `${at}: ${problem}`;
}

interface Built { readonly config: Config | null; readonly fingerprint: string }

function build(env: Record<string, string>, vars: EntryVariables, t: TenantEntry, at: string, modules: readonly CrmModule[],
  trunk: LoadOptions['trunk'], problems: Set<string>): Built {
  const full = { ...env, ...vars.values };
  const fingerprint = hash({ full, rules: t.rules ?? null, trunk: trunk ?? null });
  try {
    const config = loadConfig(full, modules, {
      ...(t.rules ? { rules: { value: t.rules, where: `${at}.rules` } } : {}),
      ...(trunk ? { trunk } : {}),
    });
    return { config: { ...config, secrets: [...config.secrets, ...vars.secrets] }, fingerprint };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) problems.add(located(p, vars, at));
    return { config: null, fingerprint };
  }
}

function tenantPlan(t: TenantEntry, i: number, env: Record<string, string | undefined>, base: Record<string, string>,
  known: ReadonlySet<string>, modules: readonly CrmModule[], problems: Set<string>): TenantPlan | null {
  const at = `tenants[${i}]`;
  const list: string[] = [];
  const prefix = `${base['REDIS_PREFIX'] ?? 'pcb'}.${t.id}`;
  const own = { ...base, REDIS_PREFIX: prefix };
  const tenantOnly = new EntryVariables(env, known, list);
  tenantVariables(t, at, tenantOnly);
  const fingerprint = hash({ own, values: tenantOnly.values, rules: t.rules ?? null });
  const pbxs = t.pbxs.map((p, j) => {
    const vars = new EntryVariables(env, known, []);
    tenantVariables(t, at, vars); // its problems are the tenant's, reported once above
    const trunk = pbxVariables(p, `${at}.pbxs[${j}]`, vars);
    for (const problem of vars.problems) list.push(problem);
    const built = build(own, vars, t, `${at}.pbxs[${j}]`, modules, trunk, problems);
    return built.config ? { id: p.id, config: built.config, callIdPrefix: `${p.id}~`, fingerprint: built.fingerprint } : null;
  });
  for (const p of list) problems.add(p);
  const ready = pbxs.filter((p): p is PbxPlan => p !== null);
  // the tenant's own parts (CRM, rules, console, …) are the same in each of its PBXs' Config: the first one's serve
  const config = ready.length === pbxs.length ? ready[0]?.config : undefined;
  if (!config) return null;
  return { id: t.id, config, pbxs: ready, tokens: { plain: null, sha256: t.apiTokens.map((tok) => tok.slice('sha256:'.length)) }, fingerprint };
}

/**
 * The deployment: DEPLOYMENT_FILE's tenants, or the environment's one PBX and CRM when it is unset. Throws ConfigError
 * with every problem, each naming its place in the file (`tenants[1].pbxs[0].secret (AMI_SECRET): …`).
 */
export function loadDeployment(env: Record<string, string | undefined>, modules: readonly CrmModule[] = CRM_MODULES): Deployment {
  const file = env['DEPLOYMENT_FILE'];
  if (!file) return deploymentOf(loadConfig(env, modules));
  let raw: unknown;
  try { raw = readFile(file); } catch (err) {
    throw new ConfigError([`DEPLOYMENT_FILE: cannot read ${file} (${(err as Error).message.split('\n')[0]}); fix the path or the file`]);
  }
  const where = (path: ReadonlyArray<PropertyKey>) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top)';
  const top = DeploymentTopSchema.safeParse(raw);
  if (!top.success) throw new ConfigError(top.error.issues.map((i) => `DEPLOYMENT_FILE ${file}: ${where(i.path)}: ${i.message}`));
  const structural: string[] = [];
  const entries: Array<{ index: number; entry: TenantEntry }> = [];
  top.data.tenants.forEach((t, index) => {
    const r = TenantSchema.safeParse(t);
    if (r.success) entries.push({ index, entry: r.data });
    else structural.push(...r.error.issues.map((i) => `${where(['tenants', index, ...i.path])}: ${i.message}`));
  });
  structural.push(...crossTenantProblems(entries).map((p) => `${where(p.path)}: ${p.message}`));
  const known = new Set(Object.keys(envSchema(modules).shape));
  const base = processVariables(env, known);
  const problems = new Set<string>(structural);
  // every tenant whose shape is right has its settings checked too, so one pass reports every problem
  const tenants = entries.map(({ entry, index }) => tenantPlan(entry, index, env, base, known, modules, problems));
  const ready = tenants.filter((t): t is TenantPlan => t !== null);
  if (problems.size > 0 || ready.length !== tenants.length) throw new ConfigError([...problems].map((p) => `DEPLOYMENT_FILE ${file}: ${p}`));
  const process = ready[0]?.config;
  if (!process) throw new ConfigError([`DEPLOYMENT_FILE ${file}: no tenant`]);
  const plain = base['REDIS_PREFIX'] ?? 'pcb';
  return { file, tenants: ready, process, prefix: process.redis.connection.mode === 'cluster' ? `{${plain}}` : plain };
}
