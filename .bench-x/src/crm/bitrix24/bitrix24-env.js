import { z } from 'zod';
import { isLocalUrl, optionalText, parseUrl } from '../crm-env.js';
const posInt = (fallback) => z.coerce.number().int().min(1).default(fallback);
/** Every BITRIX24_* environment variable (docs/bitrix24-setup.md lists them with their meaning). */
export const Bitrix24EnvShape = {
    BITRIX24_WEBHOOK_URL: optionalText,
    BITRIX24_PORTAL_URL: optionalText,
    BITRIX24_CLIENT_ID: optionalText,
    BITRIX24_CLIENT_SECRET: optionalText,
    BITRIX24_ACCESS_TOKEN: optionalText,
    BITRIX24_REFRESH_TOKEN: optionalText,
    BITRIX24_OAUTH_URL: z.string().url().default('https://oauth.bitrix.info/oauth/token/'),
    BITRIX24_RATE_PER_SEC: z.coerce.number().positive().max(1000).default(2),
    BITRIX24_BURST: posInt(50),
    BITRIX24_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(30),
    BITRIX24_BATCH_MAX: z.coerce.number().int().min(1).max(50).default(50),
    BITRIX24_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
    BITRIX24_REQUEST_TIMEOUT_MS: posInt(30000),
    BITRIX24_LIMIT_RETRIES: z.coerce.number().int().min(0).max(100).default(8),
    BITRIX24_USERS_REFRESH_SEC: posInt(300),
    BITRIX24_DEFAULT_USER_ID: z.string().regex(/^\d+$/, 'a Bitrix24 user id (digits)').optional(),
    BITRIX24_ADD_TO_CHAT: z.stringbool().default(false),
    BITRIX24_RECORDING_MODE: z.enum(['upload', 'url']).default('upload'),
    BITRIX24_RECORDINGS_DIR: optionalText,
    BITRIX24_INLINE_RECORDING_MAX_BYTES: posInt(1_000_000),
    BITRIX24_TASK_METHOD: z.enum(['todo', 'activity']).default('todo'),
    BITRIX24_DEAL_CATEGORY_ID: z.string().regex(/^\d+$/, 'a deal pipeline id (digits)').optional(),
    BITRIX24_ANONYMOUS_NUMBER: z.string().regex(/^\+?\d{3,20}$/, 'digits, optionally with a leading +').default('0000'),
    BITRIX24_APPLICATION_TOKEN: z.string().min(8, 'BITRIX24_APPLICATION_TOKEN: the application_token of the outgoing webhook or app (at least 8 characters)').optional(),
    BITRIX24_MEMBER_ID: z.string().min(1).optional(),
    BITRIX24_CALLBACK_EXTENSION: z.string().regex(/^\d{1,9}$/, 'BITRIX24_CALLBACK_EXTENSION: an extension that takes CRM callback requests').optional(),
};
/** What each variable means: README's configuration table and .env.example (scripts/config-docs.ts). */
export const BITRIX24_ENV_DOCS = {
    BITRIX24_WEBHOOK_URL: 'Bitrix24 inbound webhook `https://<portal>/rest/<user>/<secret>/` (never logged)',
    BITRIX24_PORTAL_URL: 'local application (OAuth): portal URL',
    BITRIX24_CLIENT_ID: 'local application: application ID',
    BITRIX24_CLIENT_SECRET: 'local application: application key (never logged)',
    BITRIX24_ACCESS_TOKEN: 'local application: current access token (optional)',
    BITRIX24_REFRESH_TOKEN: 'local application: refresh token (rotated and kept in Redis)',
    BITRIX24_OAUTH_URL: 'OAuth token endpoint',
    BITRIX24_RATE_PER_SEC: 'request budget: leak rate (2 on cloud plans, 5 on Enterprise)',
    BITRIX24_BURST: 'request budget: bucket size (50 on cloud plans, 250 on Enterprise)',
    BITRIX24_BATCH_WINDOW_MS: 'operations arriving within this window go out as one `batch`',
    BITRIX24_BATCH_MAX: 'commands per `batch` (Bitrix24 allows 50)',
    BITRIX24_MAX_IN_FLIGHT: 'REST requests in flight at once',
    BITRIX24_REQUEST_TIMEOUT_MS: 'timeout of one REST request',
    BITRIX24_LIMIT_RETRIES: 'resends of a command refused with `QUERY_LIMIT_EXCEEDED`/`OPERATION_TIME_LIMIT` before the job is retried',
    BITRIX24_USERS_REFRESH_SEC: 'how often the extension ↔ user map (`UF_PHONE_INNER`) is reloaded',
    BITRIX24_DEFAULT_USER_ID: 'Bitrix24 user for calls with no known operator and no client responsible (unset: the portal\'s first active user)',
    BITRIX24_ADD_TO_CHAT: 'let `finish` post the call to the user\'s chat',
    BITRIX24_RECORDING_MODE: '`upload` (file content) or `url` (RECORD_URL) for `attachRecord`',
    BITRIX24_RECORDINGS_DIR: 'upload mode: folder for relative recording paths (and for the file name of an unmapped absolute one); absolute PBX paths go through RECORDINGS_PATH_MAP; a missing file is waited for 2 min, then the stage fails naming the path',
    BITRIX24_INLINE_RECORDING_MAX_BYTES: 'larger recordings are sent by URL',
    BITRIX24_TASK_METHOD: 'call-back task as `todo` (crm.activity.todo.add) or `activity` (crm.activity.add)',
    BITRIX24_DEAL_CATEGORY_ID: 'pipeline for created deals',
    BITRIX24_ANONYMOUS_NUMBER: 'number registered for callers without caller ID',
    BITRIX24_APPLICATION_TOKEN: '`application_token` that Bitrix24 event deliveries must carry (never logged)',
    BITRIX24_MEMBER_ID: 'when set, event deliveries must come from this portal (`auth[member_id]`)',
    BITRIX24_CALLBACK_EXTENSION: 'who takes Bitrix24 call-back requests when the number has no free responsible',
};
const WEBHOOK_PATH = /^\/rest\/(\d+)\/([^/]+)\/?$/;
function webhookProblem(value) {
    const url = parseUrl(value);
    const hint = 'BITRIX24_WEBHOOK_URL: expected https://<portal>/rest/<user id>/<secret>/ as shown by Bitrix24 for the inbound webhook';
    if (!url || !WEBHOOK_PATH.test(url.pathname))
        return hint;
    if (url.protocol !== 'https:' && !isLocalUrl(url))
        return 'BITRIX24_WEBHOOK_URL: Bitrix24 requires https';
    return null;
}
/** Cross-field checks that a flat schema cannot express; made only when CRM_ADAPTER=bitrix24. */
export function bitrix24EnvProblems(env) {
    if (env.BITRIX24_WEBHOOK_URL) {
        const p = webhookProblem(env.BITRIX24_WEBHOOK_URL);
        return p ? [p] : [];
    }
    const missing = ['BITRIX24_PORTAL_URL', 'BITRIX24_CLIENT_ID', 'BITRIX24_CLIENT_SECRET', 'BITRIX24_REFRESH_TOKEN']
        .filter((name) => !env[name]);
    if (missing.length === 4) {
        return ['BITRIX24_WEBHOOK_URL: set it to an inbound webhook URL, or set BITRIX24_PORTAL_URL, BITRIX24_CLIENT_ID, BITRIX24_CLIENT_SECRET and BITRIX24_REFRESH_TOKEN of a local application'];
    }
    const problems = missing.map((name) => `${name}: required for a Bitrix24 local application (OAuth) when BITRIX24_WEBHOOK_URL is not set`);
    const portal = env.BITRIX24_PORTAL_URL ? parseUrl(env.BITRIX24_PORTAL_URL) : null;
    if (env.BITRIX24_PORTAL_URL && !portal)
        problems.push('BITRIX24_PORTAL_URL: expected https://<portal>.bitrix24.<tld>');
    if (portal && portal.protocol !== 'https:' && !isLocalUrl(portal))
        problems.push('BITRIX24_PORTAL_URL: Bitrix24 requires https');
    return problems;
}
function toAuth(env) {
    if (env.BITRIX24_WEBHOOK_URL) {
        const url = new URL(env.BITRIX24_WEBHOOK_URL);
        const secret = WEBHOOK_PATH.exec(url.pathname)?.[2] ?? '';
        const baseUrl = env.BITRIX24_WEBHOOK_URL.endsWith('/') ? env.BITRIX24_WEBHOOK_URL : `${env.BITRIX24_WEBHOOK_URL}/`;
        return { kind: 'webhook', baseUrl, secret };
    }
    const portal = (env.BITRIX24_PORTAL_URL ?? '').replace(/\/+$/, '');
    return {
        kind: 'oauth', restUrl: `${portal}/rest/`, oauthUrl: env.BITRIX24_OAUTH_URL,
        clientId: env.BITRIX24_CLIENT_ID ?? '', clientSecret: env.BITRIX24_CLIENT_SECRET ?? '',
        accessToken: env.BITRIX24_ACCESS_TOKEN ?? null, refreshToken: env.BITRIX24_REFRESH_TOKEN ?? '',
    };
}
/** Builds the adapter's settings from a parsed env that passed bitrix24EnvProblems. */
export function toBitrix24Config(env) {
    const auth = toAuth(env);
    const secrets = auth.kind === 'webhook'
        ? [auth.secret, auth.baseUrl]
        : [auth.clientSecret, auth.refreshToken, auth.accessToken ?? ''];
    secrets.push(env.BITRIX24_APPLICATION_TOKEN ?? '');
    return {
        auth,
        budget: { ratePerSec: env.BITRIX24_RATE_PER_SEC, burst: env.BITRIX24_BURST },
        batch: { windowMs: env.BITRIX24_BATCH_WINDOW_MS, maxCommands: env.BITRIX24_BATCH_MAX, maxInFlight: env.BITRIX24_MAX_IN_FLIGHT },
        requestTimeoutMs: env.BITRIX24_REQUEST_TIMEOUT_MS,
        limitRetries: env.BITRIX24_LIMIT_RETRIES,
        usersRefreshSec: env.BITRIX24_USERS_REFRESH_SEC,
        defaultUserId: env.BITRIX24_DEFAULT_USER_ID ?? null,
        addToChat: env.BITRIX24_ADD_TO_CHAT,
        recording: {
            mode: env.BITRIX24_RECORDING_MODE, dir: env.BITRIX24_RECORDINGS_DIR ?? null,
            inlineMaxBytes: env.BITRIX24_INLINE_RECORDING_MAX_BYTES,
        },
        taskMethod: env.BITRIX24_TASK_METHOD,
        dealCategoryId: env.BITRIX24_DEAL_CATEGORY_ID ?? null,
        anonymousNumber: env.BITRIX24_ANONYMOUS_NUMBER,
        events: {
            applicationToken: env.BITRIX24_APPLICATION_TOKEN ?? null, memberId: env.BITRIX24_MEMBER_ID ?? null,
            callbackExtension: env.BITRIX24_CALLBACK_EXTENSION ?? null,
        },
        secrets: secrets.filter((s) => s.length > 0),
    };
}
