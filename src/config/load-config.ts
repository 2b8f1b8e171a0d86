import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Config, toConfig } from './config.js';
import { EnvSchema } from './env-schema.js';
import { RulesSchema, type Rules } from './rules-schema.js';
import { bitrix24EnvProblems } from './bitrix24-env.js';
import { crmRuleProblems } from './crm-rule-problems.js';
import { notifyEnvProblems } from './notify-env.js';
import { onlyofficeEnvProblems } from './onlyoffice-env.js';
import { webhookEnvProblems } from './webhook-env.js';
import { httpLimitsProblems } from './http-env.js';

/** Bad configuration: every problem at once, each naming the variable and the fix. main.ts exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

function describe(issue: z.core.$ZodIssue, prefix: string): string {
  const where = issue.path.map(String).join('.');
  return `${prefix}${where}: ${issue.message}`;
}

function readRules(path: string | undefined, problems: string[]): Rules {
  if (!path) return RulesSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`RULES_FILE: cannot read ${path} as JSON (${(err as Error).message.split('\n')[0]}); fix the path or the file`);
    return RulesSchema.parse({});
  }
  const r = RulesSchema.safeParse(raw);
  if (r.success) return r.data;
  problems.push(...r.error.issues.map((i) => describe(i, `RULES_FILE ${path}: `)));
  return RulesSchema.parse({});
}

function checkPatterns(config: Config, problems: string[]): void {
  for (const p of [...config.trunk.channelPatterns, ...config.trunk.contextPatterns]) {
    try { new RegExp(p); } catch { problems.push(`TRUNK_*_PATTERNS: "${p}" is not a valid regular expression`); }
  }
}

/** Reads and validates env + rules file. Throws ConfigError listing every problem. Never logs values. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => describe(i, '')));
  const rules = readRules(env['RULES_FILE'], problems);
  if (!parsed.success) throw new ConfigError(problems);
  problems.push(...httpLimitsProblems(parsed.data));
  if (parsed.data.CRM_ADAPTER === 'bitrix24') problems.push(...bitrix24EnvProblems(parsed.data));
  if (parsed.data.CRM_ADAPTER === 'webhook') problems.push(...webhookEnvProblems(parsed.data));
  if (parsed.data.CRM_ADAPTER === 'onlyoffice') problems.push(...onlyofficeEnvProblems(parsed.data));
  problems.push(...crmRuleProblems(parsed.data));
  problems.push(...notifyEnvProblems(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems);
  const config = toConfig(parsed.data, rules);
  checkPatterns(config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
