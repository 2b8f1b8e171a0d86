import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CRM_MODULES } from '../crm/crm-modules.js';
import { coreEnvShape, sectionProblems, toConfig } from './config.js';
import { envSchema } from './env-schema.js';
import { RulesSchema } from './rules-schema.js';
/** Bad configuration: every problem at once, each naming the variable and the fix. main.ts exits with code 2. */
export class ConfigError extends Error {
    problems;
    name = 'ConfigError';
    constructor(problems) {
        super(`invalid configuration:\n  ${problems.join('\n  ')}`);
        this.problems = problems;
    }
}
function describe(issue, prefix) {
    const where = issue.path.map(String).join('.');
    return `${prefix}${where}: ${issue.message}`;
}
function readRules(path, problems, inline) {
    if (inline) {
        const r = RulesSchema.safeParse(inline.value);
        if (r.success)
            return r.data;
        problems.push(...r.error.issues.map((i) => describe(i, `${inline.where}.`)));
        return RulesSchema.parse({});
    }
    if (!path)
        return RulesSchema.parse({});
    let raw;
    try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
    }
    catch (err) {
        problems.push(`RULES_FILE: cannot read ${path} as JSON (${err.message.split('\n')[0]}); fix the path or the file`);
        return RulesSchema.parse({});
    }
    const r = RulesSchema.safeParse(raw);
    if (r.success)
        return r.data;
    problems.push(...r.error.issues.map((i) => describe(i, `RULES_FILE ${path}: `)));
    return RulesSchema.parse({});
}
function checkPatterns(config, problems) {
    for (const p of [...config.trunk.channelPatterns, ...config.trunk.contextPatterns]) {
        try {
            new RegExp(p);
        }
        catch {
            problems.push(`TRUNK_*_PATTERNS: "${p}" is not a valid regular expression`);
        }
    }
}
/** What the rules will ask the CRM to create: a lead in simple mode (no leads) is a deal. */
function ruleView(env) {
    if (env.CRM_CREATE === 'lead')
        return { workKind: env.CRM_SIMPLE_MODE ? 'deal' : 'lead' };
    return { workKind: env.CRM_CREATE === 'deal' ? 'deal' : null };
}
const CoreSchema = z.object(coreEnvShape());
/** The chosen CRM module reads its own variables (their formats were checked with every other variable). */
function selectCrm(env, modules, core, problems) {
    const name = env['CRM_ADAPTER'] || modules[0]?.name;
    const module = modules.find((m) => m.name === name);
    if (!module)
        return null;
    const selection = module.select(env, ruleView(core));
    if ('problems' in selection) {
        problems.push(...selection.problems);
        return null;
    }
    return selection.crm;
}
/**
 * Reads and validates env + rules file. Throws ConfigError listing every problem. Never logs values.
 * `modules`: the CRMs to choose from (this build's by default; a test may add one).
 */
export function loadConfig(env, modules = CRM_MODULES, options = {}) {
    const problems = [];
    const parsed = envSchema(modules).safeParse(env);
    if (!parsed.success)
        problems.push(...parsed.error.issues.map((i) => describe(i, '')));
    const rules = readRules(env['RULES_FILE'], problems, options.rules);
    if (!parsed.success)
        throw new ConfigError(problems);
    const core = CoreSchema.parse(env);
    problems.push(...sectionProblems(core));
    const crm = selectCrm(env, modules, core, problems);
    if (problems.length > 0 || !crm)
        throw new ConfigError(problems);
    const built = toConfig(core, rules, crm);
    const t = options.trunk;
    const config = t ? {
        ...built,
        trunk: {
            channelPatterns: t.channelPatterns ? [...t.channelPatterns, ...rules.trunkChannels] : built.trunk.channelPatterns,
            contextPatterns: t.contextPatterns ? [...t.contextPatterns, ...rules.trunkContexts] : built.trunk.contextPatterns,
        },
    } : built;
    checkPatterns(config, problems);
    if (problems.length > 0)
        throw new ConfigError(problems);
    return deepFreeze(config);
}
/** Freezes every plain object and array (the CRM's functions stay as they are). */
function deepFreeze(value) {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value))
            deepFreeze(v);
    }
    return value;
}
