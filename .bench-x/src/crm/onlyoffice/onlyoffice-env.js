import { z } from 'zod';
import { isSecureUrl, optionalText, parseUrl } from '../crm-env.js';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_CATEGORIES = ['Home', 'Work', 'Mobile', 'Fax', 'Direct', 'Other'];
const userMap = z.string().default('').transform((s, ctx) => {
    const out = {};
    for (const item of s.split(',').map((x) => x.trim()).filter(Boolean)) {
        const [ext, guid, ...rest] = item.split('=').map((x) => x.trim());
        if (ext && guid && rest.length === 0 && /^\d{1,9}$/.test(ext) && GUID.test(guid))
            out[ext] = guid.toLowerCase();
        else
            ctx.addIssue({ code: 'custom', message: `ONLYOFFICE_USERS: "${item}" is not <extension>=<user GUID>, e.g. 201=8e3b1f3c-5d2a-4c7e-9a51-2f0d6c1b7a90` });
    }
    return out;
});
/** A category given by id (digits) or by its exact, possibly localized, title. */
const category = (name) => z.string().trim().min(1, `${name}: an id (digits) or an exact title`).default('Call');
/** Every ONLYOFFICE_* environment variable (docs/onlyoffice.md lists them). */
export const OnlyofficeEnvShape = {
    ONLYOFFICE_URL: optionalText,
    ONLYOFFICE_TOKEN: optionalText,
    ONLYOFFICE_USERNAME: optionalText,
    ONLYOFFICE_PASSWORD: optionalText,
    ONLYOFFICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    ONLYOFFICE_USERS: userMap,
    ONLYOFFICE_DEFAULT_USER_ID: z.string().regex(GUID, 'ONLYOFFICE_DEFAULT_USER_ID: an ONLYOFFICE user GUID').optional(),
    ONLYOFFICE_HISTORY_CATEGORY: category('ONLYOFFICE_HISTORY_CATEGORY'),
    ONLYOFFICE_TASK_CATEGORY: category('ONLYOFFICE_TASK_CATEGORY'),
    ONLYOFFICE_PHONE_CATEGORY: z.enum(PHONE_CATEGORIES, { error: `ONLYOFFICE_PHONE_CATEGORY: one of ${PHONE_CATEGORIES.join(', ')}` }).default('Work'),
    ONLYOFFICE_CALL_JOURNAL: z.stringbool().default(true),
    ONLYOFFICE_JOURNAL_UNKNOWN: z.stringbool().default(false),
    ONLYOFFICE_DEAL_STAGE_ID: z.string().regex(/^\d+$/, 'ONLYOFFICE_DEAL_STAGE_ID: an opportunity stage id (digits)').optional(),
};
/** What each variable means: README's configuration table and .env.example (scripts/config-docs.ts). */
export const ONLYOFFICE_ENV_DOCS = {
    ONLYOFFICE_URL: 'ONLYOFFICE Workspace portal address (https)',
    ONLYOFFICE_TOKEN: 'ONLYOFFICE API token, sent as the raw Authorization header (never logged)',
    ONLYOFFICE_USERNAME: 'ONLYOFFICE login used when no token is set (no two-factor auth)',
    ONLYOFFICE_PASSWORD: 'that user\'s password (never logged)',
    ONLYOFFICE_TIMEOUT_MS: 'ONLYOFFICE: timeout of one request',
    ONLYOFFICE_USERS: 'ONLYOFFICE: `ext=guid` pairs mapping extensions to user GUIDs',
    ONLYOFFICE_DEFAULT_USER_ID: 'ONLYOFFICE: user GUID for call-back tasks of unmapped extensions (unset: the daemon\'s own user)',
    ONLYOFFICE_HISTORY_CATEGORY: 'ONLYOFFICE: history category of call events (id or exact title)',
    ONLYOFFICE_TASK_CATEGORY: 'ONLYOFFICE: task category of call-back tasks (id or exact title)',
    ONLYOFFICE_PHONE_CATEGORY: 'ONLYOFFICE: category of phones added to new persons (Home, Work, Mobile, Fax, Direct, Other)',
    ONLYOFFICE_CALL_JOURNAL: 'ONLYOFFICE: also write calls to the VoIP call journal',
    ONLYOFFICE_JOURNAL_UNKNOWN: 'ONLYOFFICE: journal inbound calls with no contact (ONLYOFFICE then creates a person itself)',
    ONLYOFFICE_DEAL_STAGE_ID: 'ONLYOFFICE: stage id of new opportunities (enables CRM_CREATE=deal)',
};
/**
 * Cross-field checks, made only when CRM_ADAPTER=onlyoffice; also what the rules ask that ONLYOFFICE cannot do (at run
 * time each would fail every call's stage for good, although only configuration can fix it).
 */
export function onlyofficeEnvProblems(env, rules) {
    const problems = [];
    const url = env.ONLYOFFICE_URL ? parseUrl(env.ONLYOFFICE_URL) : null;
    if (!env.ONLYOFFICE_URL)
        problems.push('ONLYOFFICE_URL: required when CRM_ADAPTER=onlyoffice: the portal address, e.g. https://office.example.com');
    else if (!url)
        problems.push('ONLYOFFICE_URL: not a URL; expected https://office.example.com');
    else if (!isSecureUrl(url))
        problems.push('ONLYOFFICE_URL: must be https (plain http is allowed only for localhost)');
    else if (url.search || url.username)
        problems.push('ONLYOFFICE_URL: the portal address only, with no query string or user name');
    const login = Boolean(env.ONLYOFFICE_USERNAME) || Boolean(env.ONLYOFFICE_PASSWORD);
    if (!env.ONLYOFFICE_TOKEN && !login) {
        problems.push('ONLYOFFICE_TOKEN: set it to an API token, or set ONLYOFFICE_USERNAME and ONLYOFFICE_PASSWORD of a user without two-factor authentication');
    }
    if (!env.ONLYOFFICE_TOKEN && login && !env.ONLYOFFICE_USERNAME)
        problems.push('ONLYOFFICE_USERNAME: required with ONLYOFFICE_PASSWORD');
    if (!env.ONLYOFFICE_TOKEN && login && !env.ONLYOFFICE_PASSWORD)
        problems.push('ONLYOFFICE_PASSWORD: required with ONLYOFFICE_USERNAME');
    if (rules.workKind === 'lead')
        problems.push('CRM_CREATE: ONLYOFFICE CRM has no leads; set CRM_CREATE=contact or deal (or CRM_SIMPLE_MODE=true, which turns leads into deals)');
    if (rules.workKind === 'deal' && !env.ONLYOFFICE_DEAL_STAGE_ID) {
        problems.push('ONLYOFFICE_DEAL_STAGE_ID: required with CRM_CREATE=deal (an id from GET /api/2.0/crm/opportunity/stage); or set CRM_CREATE=contact');
    }
    return problems;
}
function categoryRef(value) {
    return /^\d+$/.test(value) ? { id: Number(value) } : { title: value };
}
/** Builds the adapter's settings from a parsed env that passed onlyofficeEnvProblems. A token wins over a login. */
export function toOnlyofficeConfig(env) {
    const auth = env.ONLYOFFICE_TOKEN
        ? { kind: 'token', token: env.ONLYOFFICE_TOKEN }
        : { kind: 'login', userName: env.ONLYOFFICE_USERNAME ?? '', password: env.ONLYOFFICE_PASSWORD ?? '' };
    return {
        baseUrl: (env.ONLYOFFICE_URL ?? '').replace(/\/+$/, ''),
        auth, timeoutMs: env.ONLYOFFICE_TIMEOUT_MS, users: env.ONLYOFFICE_USERS,
        defaultUserId: env.ONLYOFFICE_DEFAULT_USER_ID?.toLowerCase() ?? null,
        historyCategory: categoryRef(env.ONLYOFFICE_HISTORY_CATEGORY), taskCategory: categoryRef(env.ONLYOFFICE_TASK_CATEGORY),
        phoneCategory: env.ONLYOFFICE_PHONE_CATEGORY, callJournal: env.ONLYOFFICE_CALL_JOURNAL, journalUnknown: env.ONLYOFFICE_JOURNAL_UNKNOWN,
        dealStageId: env.ONLYOFFICE_DEAL_STAGE_ID ? Number(env.ONLYOFFICE_DEAL_STAGE_ID) : null,
        secrets: [env.ONLYOFFICE_TOKEN ?? '', env.ONLYOFFICE_PASSWORD ?? ''].filter((s) => s.length > 0),
    };
}
