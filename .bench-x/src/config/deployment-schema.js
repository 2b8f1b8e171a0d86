import { z } from 'zod';
/**
 * The deployment file's shape (DEPLOYMENT_FILE, JSON or YAML): tenants, each with its PBXs, one CRM, its settings and
 * its API tokens. Only the structure is checked here; every setting's value is checked by the same schemas as the
 * environment's (load-deployment.ts turns each PBX into the variables it stands for).
 */
const ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const id = (what) => z.string().regex(ID, `${what}: 1-32 lower-case letters, digits, _ or -, starting with a letter or digit`);
/** A setting's value as written in the file: text, number, yes/no or a list (joined with commas). */
export const SettingValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);
/** Variables by name (`CRM_CREATE`) or in camelCase (`crmCreate`); `env:NAME` takes a value from the environment. */
export const Settings = z.record(z.string(), SettingValue);
const patterns = z.array(z.string().min(1));
export const PbxSchema = z.object({
    id: id('a PBX id'),
    flavour: z.enum(['asterisk', 'mikopbx'], { error: 'must be asterisk or mikopbx' }).default('asterisk'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(5038),
    username: z.string().min(1),
    /** `env:NAME` (the value of an environment variable) or the secret itself; or `secretFile`. */
    secret: z.string().min(1).optional(),
    secretFile: z.string().min(1).optional(),
    trunkChannelPatterns: patterns.optional(),
    trunkContextPatterns: patterns.optional(),
    country: z.string().optional(),
    internalMaxLength: z.number().int().optional(),
    /** How the PBX's outgoing routes expect a dialled number (ORIGINATE_NUMBER_FORMAT). */
    numberFormat: z.string().optional(),
    originateContext: z.string().optional(),
    originateChannelTemplate: z.string().optional(),
    /** Any other PBX-side variable (AMI_*, ORIGINATE_*, DIAL_*, ACCOUNT_*, ROUTE_DEVICE_PATTERN, …). */
    settings: Settings.optional(),
}).strict().refine((p) => (p.secret === undefined) !== (p.secretFile === undefined), {
    message: 'give the AMI secret as exactly one of secret ("env:NAME") or secretFile', path: ['secret'],
});
export const TenantSchema = z.object({
    id: id('a tenant id'),
    /** Bearer tokens of this tenant's API clients, hashed: `sha256:<64 hex>` (printf %s "$TOKEN" | sha256sum). */
    apiTokens: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 lower-case hex digits> (printf %s "$TOKEN" | sha256sum)')).default([]),
    /** `adapter` and its settings (`BITRIX24_WEBHOOK_URL` or `webhookUrl`; `…File` reads a secret from a file). */
    crm: z.object({ adapter: z.string().min(1) }).catchall(SettingValue),
    pbxs: z.array(PbxSchema).min(1, 'a tenant needs at least one PBX'),
    /** Responsible-person routing (ROUTE_*), missed calls (MISSED_*, CALLBACK_*) and notifications (NOTIFY_*, SMTP_*). */
    routing: Settings.optional(),
    missedCalls: Settings.optional(),
    notify: Settings.optional(),
    /** Any other tenant variable (CRM_CREATE, REPORT_*, CONSOLE_*, RECORDINGS_*, …). */
    settings: Settings.optional(),
    /** The rules file's content inline (users, lines, client rules, notify recipients), or a path to one. */
    rules: z.record(z.string(), z.unknown()).optional(),
    rulesFile: z.string().min(1).optional(),
}).strict();
/** The file's top level: its tenants are checked one by one (each tenant's problems are all reported, not the first). */
export const DeploymentTopSchema = z.object({
    tenants: z.array(z.unknown()).min(1, 'list at least one tenant'),
}).strict();
/** Problems between tenants: a tenant id, a PBX id within a tenant, or a token used twice. */
export function crossTenantProblems(tenants) {
    const out = [];
    const seen = new Set();
    const tokens = new Map();
    for (const { index: i, entry: t } of tenants) {
        if (seen.has(t.id))
            out.push({ path: ['tenants', i, 'id'], message: `tenant id "${t.id}" is used twice` });
        seen.add(t.id);
        const pbxs = new Set();
        t.pbxs.forEach((p, j) => {
            if (pbxs.has(p.id))
                out.push({ path: ['tenants', i, 'pbxs', j, 'id'], message: `PBX id "${p.id}" is used twice in tenant ${t.id}` });
            pbxs.add(p.id);
        });
        t.apiTokens.forEach((tok, k) => {
            const other = tokens.get(tok);
            if (other !== undefined && other !== t.id)
                out.push({ path: ['tenants', i, 'apiTokens', k], message: `this token also opens tenant ${other}: each token belongs to one tenant` });
            tokens.set(tok, t.id);
        });
    }
    return out;
}
