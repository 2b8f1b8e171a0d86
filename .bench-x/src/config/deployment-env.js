import { readFileSync } from 'node:fs';
/**
 * Turns a deployment file's tenant and PBX entries into the environment variables they stand for, so that every value
 * is checked by the same schemas as the environment's. Which variables belong where:
 * - the process's own (Redis, HTTP listener, log, instance, queue, FastAGI listener) come from the environment only;
 * - a PBX's (AMI, trunks, numbers, originate and dial policy, account codes) from its entry, or its tenant's defaults;
 * - everything else (CRM, business rules, routing, missed calls, notifications, console, reports) from the tenant.
 * A tenant never inherits another's or the environment's tenant settings: nothing leaks between tenants.
 */
const PROCESS_PREFIXES = ['REDIS_', 'HTTP_', 'AGI_', 'QUEUE_KEEP_'];
const PROCESS_VARIABLES = new Set([
    'API_TOKEN', 'LOG_LEVEL', 'NODE_MAX_OLD_SPACE_MB', 'NODE_MAX_SEMI_SPACE_MB', 'NODE_V8_POOL_SIZE', 'INSTANCE_ID', 'AMI_LEASE_TTL_MS', 'RESYNC_INTERVAL_MS', 'STALE_CALL_AFTER_MS',
    'EVENT_BUFFER_MAX', 'JOB_ATTEMPTS', 'WORKER_CONCURRENCY', 'DEPLOYMENT_FILE',
]);
const PBX_IDENTITY = new Set(['AMI_HOST', 'AMI_PORT', 'AMI_USERNAME', 'AMI_SECRET']);
const PBX_PREFIXES = ['AMI_', 'TRUNK_', 'ACCOUNT_CODE_', 'ORIGINATE_', 'DIAL_', 'KNOWN_EXTENSION'];
const PBX_VARIABLES = new Set(['DEFAULT_COUNTRY', 'INTERNAL_NUMBER_MAX_LENGTH', 'ROUTE_DEVICE_PATTERN']);
export function scopeOf(name) {
    if (PROCESS_VARIABLES.has(name) || PROCESS_PREFIXES.some((p) => name.startsWith(p)))
        return 'process';
    if (PBX_VARIABLES.has(name) || PBX_PREFIXES.some((p) => name.startsWith(p)))
        return 'pbx';
    return 'tenant';
}
/** The environment's process-wide variables (the same for every tenant). */
export function processVariables(env, known) {
    const out = {};
    for (const [k, v] of Object.entries(env))
        if (v !== undefined && known.has(k) && scopeOf(k) === 'process')
            out[k] = v;
    return out;
}
/** Variables and their place in the file (for messages), filled while the entries are read. */
export class EntryVariables {
    env;
    known;
    problems;
    values = {};
    paths = new Map();
    /** The secrets read from the environment or files (for log redaction). */
    secrets = [];
    constructor(env, known, problems) {
        this.env = env;
        this.known = known;
        this.problems = problems;
    }
    /** A setting `key: value` of a group at `path`; `scopes`: where it may be set; `prefix`: the CRM's (BITRIX24). */
    set(key, value, path, scopes, prefix) {
        const name = this.nameOf(key, prefix);
        const fromFile = name === null ? this.fileVariable(key, prefix) : null;
        const variable = name ?? fromFile;
        if (variable === null) {
            this.problems.push(`${path}: unknown setting "${key}" (see the configuration table in README.md)`);
            return;
        }
        const scope = scopeOf(variable);
        if (PBX_IDENTITY.has(variable)) {
            this.problems.push(`${path}: ${variable} is set by the PBX entry's host, port, username and secret`);
            return;
        }
        if (!scopes.includes(scope)) {
            this.problems.push(scope === 'process'
                ? `${path}: ${variable} is the process's own setting: set it in the environment, not per tenant`
                : `${path}: ${variable} is a tenant setting: put it in the tenant's settings, not a PBX's`);
            return;
        }
        const text = fromFile !== null ? this.readFile(value, path) : this.text(value, path);
        if (text === null)
            return;
        this.values[variable] = text;
        this.paths.set(variable, path);
    }
    /** A value written as `env:NAME` is that variable's value; a list is joined with commas. */
    text(value, path) {
        if (Array.isArray(value))
            return value.map(String).join(',');
        if (typeof value !== 'string')
            return String(value);
        if (!value.startsWith('env:'))
            return value;
        const ref = value.slice(4);
        const v = this.env[ref];
        if (v === undefined || v === '') {
            this.problems.push(`${path}: the environment variable ${ref} it refers to is not set`);
            return null;
        }
        this.secrets.push(v);
        return v;
    }
    readFile(value, path) {
        const file = this.text(value, path);
        if (file === null)
            return null;
        try {
            const v = readFileSync(file, 'utf8').trim();
            if (v) {
                this.secrets.push(v);
                return v;
            }
            this.problems.push(`${path}: ${file} is empty`);
        }
        catch (err) {
            this.problems.push(`${path}: cannot read ${file} (${err.code ?? 'error'}); fix the path or its permissions`);
        }
        return null;
    }
    nameOf(key, prefix) {
        const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
        for (const name of [key, snake, ...(prefix ? [`${prefix}_${snake}`] : [])])
            if (this.known.has(name))
                return name;
        return null;
    }
    /** `clientSecretFile` / `BITRIX24_CLIENT_SECRET_FILE`: the variable whose value is that file's content. */
    fileVariable(key, prefix) {
        const m = /^(.+?)(?:_FILE|File)$/.exec(key);
        return m?.[1] ? this.nameOf(m[1], prefix) : null;
    }
}
/** The variables of one tenant's own settings (its groups, its CRM), without any PBX's. */
export function tenantVariables(t, at, vars) {
    const groups = { settings: t.settings, routing: t.routing, missedCalls: t.missedCalls, notify: t.notify };
    for (const [group, settings] of Object.entries(groups)) {
        for (const [k, v] of Object.entries(settings ?? {}))
            vars.set(k, v, `${at}.${group}.${k}`, ['tenant', 'pbx']);
    }
    const { adapter, ...crm } = t.crm;
    vars.values['CRM_ADAPTER'] = adapter;
    vars.paths.set('CRM_ADAPTER', `${at}.crm.adapter`);
    for (const [k, v] of Object.entries(crm))
        vars.set(k, v, `${at}.crm.${k}`, ['tenant'], adapter.toUpperCase());
    if (t.rulesFile) {
        vars.values['RULES_FILE'] = t.rulesFile;
        vars.paths.set('RULES_FILE', `${at}.rulesFile`);
    }
}
/** What the `mikopbx` flavour means when the entry says nothing else (MikoPBX's originate context and CallerID variable). */
const MIKOPBX_DEFAULTS = {
    ORIGINATE_CHANNEL_TEMPLATE: 'Local/{ext}@internal-originate', ORIGINATE_CONTEXT: 'all_peers', ORIGINATE_CID_VARIABLE: 'pt1c_cid',
};
const MIKOPBX_TRUNKS = ['^PJSIP/SIP-TRUNK-', '^SIP/SIP-TRUNK-'];
/** The variables of one PBX entry (on top of its tenant's); its trunk lists are returned apart (commas in patterns). */
export function pbxVariables(p, at, vars) {
    if (p.flavour === 'mikopbx')
        for (const [k, v] of Object.entries(MIKOPBX_DEFAULTS))
            vars.values[k] ??= v;
    const put = (name, value, field) => {
        if (value === undefined)
            return;
        vars.values[name] = String(value);
        vars.paths.set(name, `${at}.${field}`);
    };
    put('AMI_HOST', p.host, 'host');
    put('AMI_PORT', p.port, 'port');
    put('AMI_USERNAME', p.username, 'username');
    const secret = p.secretFile !== undefined ? vars.readFile(p.secretFile, `${at}.secretFile`) : vars.text(p.secret, `${at}.secret`);
    if (secret !== null)
        put('AMI_SECRET', secret, p.secretFile !== undefined ? 'secretFile' : 'secret');
    put('DEFAULT_COUNTRY', p.country, 'country');
    put('INTERNAL_NUMBER_MAX_LENGTH', p.internalMaxLength, 'internalMaxLength');
    put('ORIGINATE_NUMBER_FORMAT', p.numberFormat, 'numberFormat');
    put('ORIGINATE_CONTEXT', p.originateContext, 'originateContext');
    put('ORIGINATE_CHANNEL_TEMPLATE', p.originateChannelTemplate, 'originateChannelTemplate');
    for (const [k, v] of Object.entries(p.settings ?? {}))
        vars.set(k, v, `${at}.settings.${k}`, ['pbx']);
    const channelPatterns = p.trunkChannelPatterns ?? (p.flavour === 'mikopbx' ? MIKOPBX_TRUNKS : undefined);
    return {
        ...(channelPatterns ? { channelPatterns } : {}),
        ...(p.trunkContextPatterns ? { contextPatterns: p.trunkContextPatterns } : {}),
    };
}
