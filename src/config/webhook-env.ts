import { z } from 'zod';

const optionalText = z.string().trim().optional().transform((s) => (s ? s : undefined));

/** The CrmCapability names (config/ imports nothing of ours, so the list is repeated here). */
export type WebhookCapability = 'callCard' | 'recording' | 'callbackTask' | 'leads' | 'deals' | 'responsible';

export const WEBHOOK_CAPABILITY_NAMES: readonly WebhookCapability[] = ['callCard', 'recording', 'callbackTask', 'leads', 'deals', 'responsible'];

const capabilityList = z.string().default('all').transform((s, ctx) => {
  const items = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'all') return [...WEBHOOK_CAPABILITY_NAMES];
  if (items.length === 1 && items[0] === 'none') return [];
  const known = new Set<string>(WEBHOOK_CAPABILITY_NAMES);
  const out: WebhookCapability[] = [];
  for (const item of items) {
    const match = WEBHOOK_CAPABILITY_NAMES.find((c) => c === item);
    if (match) out.push(match);
    else ctx.addIssue({ code: 'custom', message: `WEBHOOK_CAPABILITIES: "${item}" is not one of ${[...known].join(', ')} (or all, none)` });
  }
  return out;
});

/**
 * Every WEBHOOK_* environment variable (docs/webhook.md lists them). Merge with `EnvSchema.extend(WebhookEnvShape)`;
 * when CRM_ADAPTER=webhook also report `webhookEnvProblems(env)`, then build the settings with `toWebhookConfig(env)`.
 */
export const WebhookEnvShape = {
  WEBHOOK_URL: optionalText,
  WEBHOOK_SECRET: optionalText,
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_CAPABILITIES: capabilityList,
} as const;

export const WebhookEnvSchema = z.object(WebhookEnvShape);
export type WebhookEnv = z.output<typeof WebhookEnvSchema>;

export interface WebhookConfig {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly capabilities: readonly WebhookCapability[];
  /** Secret values (the signing secret, the URL's query values and password) for log redaction; add them to Config.secrets. */
  readonly secrets: readonly string[];
}

export const WEBHOOK_SECRET_MIN_LENGTH = 16;

function parseUrl(value: string): URL | null {
  try { return new URL(value); } catch { return null; }
}

function isLocal(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** Cross-field checks; call them only when CRM_ADAPTER=webhook. */
export function webhookEnvProblems(env: WebhookEnv): string[] {
  const problems: string[] = [];
  if (!env.WEBHOOK_URL) problems.push('WEBHOOK_URL: required when CRM_ADAPTER=webhook: the https URL that receives the signed call events');
  const url = env.WEBHOOK_URL ? parseUrl(env.WEBHOOK_URL) : null;
  if (env.WEBHOOK_URL && !url) problems.push('WEBHOOK_URL: not a URL; expected https://crm.example.com/pbx-events');
  if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal(url))) {
    problems.push('WEBHOOK_URL: must be https (plain http is allowed only for localhost)');
  }
  if (!env.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when CRM_ADAPTER=webhook: a random string shared with the receiver (openssl rand -hex 32)');
  else if (env.WEBHOOK_SECRET.length < WEBHOOK_SECRET_MIN_LENGTH) {
    problems.push(`WEBHOOK_SECRET: too short; use at least ${WEBHOOK_SECRET_MIN_LENGTH} random characters (openssl rand -hex 32)`);
  }
  return problems;
}

/** Values inside a URL that may be credentials: query values, user name and password. */
export function urlSecrets(value: string): string[] {
  const url = parseUrl(value);
  if (!url) return [value];
  const found = [...url.searchParams.values(), decodeURIComponent(url.password), decodeURIComponent(url.username)];
  const out = found.filter((s) => s.length >= 4);
  if (url.search || url.password) out.push(value);
  return out;
}

/** Builds the adapter's settings from a parsed env that passed webhookEnvProblems. */
export function toWebhookConfig(env: WebhookEnv): WebhookConfig {
  const url = env.WEBHOOK_URL ?? '';
  const secret = env.WEBHOOK_SECRET ?? '';
  return {
    url, secret, timeoutMs: env.WEBHOOK_TIMEOUT_MS, capabilities: env.WEBHOOK_CAPABILITIES,
    secrets: [secret, ...urlSecrets(url)].filter((s) => s.length > 0),
  };
}

/** Parse + check + build in one step (tests, bench). Throws an Error listing every problem by variable name. */
export function loadWebhookConfig(env: Record<string, string | undefined>): WebhookConfig {
  const parsed = WebhookEnvSchema.safeParse(env);
  const problems = parsed.success
    ? webhookEnvProblems(parsed.data)
    : parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
  if (!parsed.success || problems.length > 0) throw new Error(`invalid webhook configuration:\n  ${problems.join('\n  ')}`);
  return Object.freeze(toWebhookConfig(parsed.data));
}
