import { z } from 'zod';
import { CRM_CAPABILITIES } from '../adapter.js';
import { isSecureUrl, optionalText, parseUrl, urlSecrets } from '../crm-env.js';
/** The shared capability names (src/crm/adapter.ts): the receiver says which parts the adapter has. */
const WEBHOOK_CAPABILITY_NAMES = Object.keys(CRM_CAPABILITIES).filter((c) => Object.hasOwn(CRM_CAPABILITIES, c));
/** Names earlier versions accepted: nothing read them, so an old setting still starts, with a warning (webhook-adapter.ts). */
const RETIRED = new Set(['leads', 'deals']);
const capabilityList = z.string().default('all').transform((s, ctx) => {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (items.length === 1 && items[0] === 'all')
        return { capabilities: [...WEBHOOK_CAPABILITY_NAMES], ignored: [] };
    if (items.length === 1 && items[0] === 'none')
        return { capabilities: [], ignored: [] };
    const capabilities = [];
    const ignored = [];
    for (const item of items) {
        const match = WEBHOOK_CAPABILITY_NAMES.find((c) => c === item);
        if (match)
            capabilities.push(match);
        else if (RETIRED.has(item))
            ignored.push(item);
        else
            ctx.addIssue({ code: 'custom', message: `WEBHOOK_CAPABILITIES: "${item}" is not one of ${WEBHOOK_CAPABILITY_NAMES.join(', ')} (or all, none)` });
    }
    return { capabilities, ignored: [...new Set(ignored)] };
});
/** Every WEBHOOK_* environment variable (docs/webhook.md lists them). */
export const WebhookEnvShape = {
    WEBHOOK_URL: optionalText,
    WEBHOOK_SECRET: optionalText,
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    WEBHOOK_CAPABILITIES: capabilityList,
};
/** What each variable means: README's configuration table and .env.example (scripts/config-docs.ts). */
export const WEBHOOK_ENV_DOCS = {
    WEBHOOK_URL: 'webhook adapter: https URL receiving the signed JSON events (query values and credentials are secrets, never logged)',
    WEBHOOK_SECRET: 'webhook adapter: HMAC-SHA256 signing secret, at least 16 characters (never logged)',
    WEBHOOK_TIMEOUT_MS: 'webhook adapter: timeout of one delivery; a timeout is retried',
    WEBHOOK_CAPABILITIES: 'webhook adapter: `all`, `none` or a list of callCard, recording, callbackTask, responsible (what the receiver can do; the others are not sent; the former `leads`/`deals` are ignored with a warning)',
};
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
/** Cross-field checks, made only when CRM_ADAPTER=webhook. */
export function webhookEnvProblems(env) {
    const problems = [];
    if (!env.WEBHOOK_URL)
        problems.push('WEBHOOK_URL: required when CRM_ADAPTER=webhook: the https URL that receives the signed call events');
    const url = env.WEBHOOK_URL ? parseUrl(env.WEBHOOK_URL) : null;
    if (env.WEBHOOK_URL && !url)
        problems.push('WEBHOOK_URL: not a URL; expected https://crm.example.com/pbx-events');
    if (url && !isSecureUrl(url)) {
        problems.push('WEBHOOK_URL: must be https (plain http is allowed only for localhost)');
    }
    if (!env.WEBHOOK_SECRET)
        problems.push('WEBHOOK_SECRET: required when CRM_ADAPTER=webhook: a random string shared with the receiver (openssl rand -hex 32)');
    else if (env.WEBHOOK_SECRET.length < WEBHOOK_SECRET_MIN_LENGTH) {
        problems.push(`WEBHOOK_SECRET: too short; use at least ${WEBHOOK_SECRET_MIN_LENGTH} random characters (openssl rand -hex 32)`);
    }
    return problems;
}
/** Builds the adapter's settings from a parsed env that passed webhookEnvProblems. */
export function toWebhookConfig(env) {
    const url = env.WEBHOOK_URL ?? '';
    const secret = env.WEBHOOK_SECRET ?? '';
    return {
        url, secret, timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        capabilities: env.WEBHOOK_CAPABILITIES.capabilities, ignoredCapabilities: env.WEBHOOK_CAPABILITIES.ignored,
        secrets: [secret, ...urlSecrets(url)].filter((s) => s.length > 0),
    };
}
