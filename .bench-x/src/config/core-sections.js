import { z } from 'zod';
import { envSection, flag, list, ms, port, required } from './env-section.js';
/** The daemon's own sections (config.ts lists every section; http, call control and account codes have files of their own). */
export const amiSection = envSection({
    shape: {
        AMI_HOST: z.string().min(1).default('127.0.0.1'),
        AMI_PORT: port(5038),
        AMI_USERNAME: required('set it to the [user] section name in manager.conf'),
        AMI_SECRET: required("set it to that manager.conf user's secret").min(6, 'is too short: use at least 6 characters in manager.conf and here'),
        AMI_ACTION_TIMEOUT_MS: ms(5000),
        AMI_PING_INTERVAL_MS: ms(20000),
        AMI_RECONNECT_MIN_MS: ms(500),
        AMI_RECONNECT_MAX_MS: ms(30000),
    },
    build: (env) => ({
        host: env.AMI_HOST, port: env.AMI_PORT, username: env.AMI_USERNAME, secret: env.AMI_SECRET,
        actionTimeoutMs: env.AMI_ACTION_TIMEOUT_MS, pingIntervalMs: env.AMI_PING_INTERVAL_MS,
        reconnectMinMs: env.AMI_RECONNECT_MIN_MS, reconnectMaxMs: env.AMI_RECONNECT_MAX_MS,
    }),
    secrets: (env) => [env.AMI_SECRET],
});
/** Reading the PBX: lease among instances, periodic resync, stale-call sweeper. */
export const ingestSection = envSection({
    shape: {
        AMI_LEASE_TTL_MS: ms(4000),
        INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64); unique per instance').optional(),
        RESYNC_INTERVAL_MS: ms(300_000),
        STALE_CALL_AFTER_MS: ms(4 * 3600_000),
    },
    build: (env) => ({
        leaseTtlMs: env.AMI_LEASE_TTL_MS, resyncEveryMs: env.RESYNC_INTERVAL_MS, staleCallAfterMs: env.STALE_CALL_AFTER_MS,
        /** Stable id of this instance (its lease is taken back at once after a restart); random per process when null. */
        instanceId: env.INSTANCE_ID ?? null,
    }),
});
/** Many tenants and PBXs in one deployment (src/config/load-deployment.ts); unset: the env's one PBX and one CRM. */
export const deploymentSection = envSection({
    shape: { DEPLOYMENT_FILE: z.string().min(1).optional() },
    build: (env) => env.DEPLOYMENT_FILE ?? null,
});
export const queueSection = envSection({
    shape: {
        EVENT_BUFFER_MAX: z.coerce.number().int().min(100).default(100000),
        JOB_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(25),
        WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
        QUEUE_KEEP_FAILED_DAYS: z.coerce.number().min(0.01).max(365).default(7),
        QUEUE_KEEP_FAILED_COUNT: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    },
    build: (env) => ({
        bufferMax: env.EVENT_BUFFER_MAX, attempts: env.JOB_ATTEMPTS, concurrency: env.WORKER_CONCURRENCY,
        /** Failed jobs kept for inspection and retry: at most `days` old and `count` many. */
        keepFailed: { days: env.QUEUE_KEEP_FAILED_DAYS, count: env.QUEUE_KEEP_FAILED_COUNT },
    }),
});
export const logSection = envSection({
    shape: {
        LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        // read by the start command (npm start, the image, the systemd unit) as node's --max-old-space-size; checked here too
        NODE_MAX_OLD_SPACE_MB: z.coerce.number().int().min(64, 'is below 64 MB: the daemon needs more heap than that').default(256),
        NODE_MAX_SEMI_SPACE_MB: z.coerce.number().int().min(1).max(256, 'is above 256 MB: V8 takes at most that').default(8),
        // node's --v8-pool-size (0: V8 picks from the cores)
        NODE_V8_POOL_SIZE: z.coerce.number().int().min(0).max(64).default(1),
    },
    build: (env) => env.LOG_LEVEL,
});
export const numbersSection = envSection({
    shape: {
        DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 two-letter code such as RU or NL').default('RU'),
        INTERNAL_NUMBER_MAX_LENGTH: z.coerce.number().int().min(1).max(9).default(4),
    },
    build: (env) => ({ defaultCountry: env.DEFAULT_COUNTRY, internalMaxLength: env.INTERNAL_NUMBER_MAX_LENGTH }),
});
/** Env patterns first, then the rules file's; each must be a valid regular expression. */
export const trunkSection = envSection({
    shape: {
        TRUNK_CHANNEL_PATTERNS: list(),
        TRUNK_CONTEXT_PATTERNS: list('^from-trunk$,^from-pstn$,-incoming$'),
    },
    build: (env, rules) => ({
        channelPatterns: [...env.TRUNK_CHANNEL_PATTERNS, ...rules.trunkChannels],
        contextPatterns: [...env.TRUNK_CONTEXT_PATTERNS, ...rules.trunkContexts],
    }),
});
/** RULES_FILE is read by loadConfig itself; its "users" (extension → CRM user id) are Config.users. */
export const usersSection = envSection({
    shape: { RULES_FILE: z.string().optional() },
    build: (_env, rules) => rules.users,
});
/** The business rules CallSync follows (sync/sync-rules.ts). */
export const syncSection = envSection({
    shape: {
        CRM_CREATE: z.enum(['none', 'contact', 'lead', 'deal']).default('contact'),
        CRM_SIMPLE_MODE: flag(false),
        CRM_REPEAT_SALES: flag(false),
        CRM_DEFAULT_CONTACT_NAME: z.string().min(1).default('No name'),
        MISSED_CALLS_RESPONSIBLE: z.string().regex(/^\d{1,9}$/, 'an extension number').optional(),
        MISSED_OWNER: z.enum(['first', 'last'], { error: 'must be first or last (the operator who rang first or last owns a missed call)' }).default('first'),
        CALLBACK_TASK: flag(true),
        CALLBACK_TASK_DEADLINE_MIN: z.coerce.number().int().min(1).default(60),
        RECORDINGS_BASE_URL: z.string().url().optional(),
    },
    build: (env, rules) => ({
        create: env.CRM_CREATE, simpleMode: env.CRM_SIMPLE_MODE, repeatSales: env.CRM_REPEAT_SALES,
        defaultContactName: env.CRM_DEFAULT_CONTACT_NAME, blacklist: rules.blacklist,
        missedResponsible: env.MISSED_CALLS_RESPONSIBLE ?? null, missedOwner: env.MISSED_OWNER,
        /** Rules file `notify.lines.<line>.owner`, keyed by the line as written there. */
        lineOwners: Object.fromEntries(Object.entries(rules.notify.lines).flatMap(([line, l]) => (l.owner ? [[line, l.owner]] : []))),
        callbackTask: env.CALLBACK_TASK, callbackDeadlineMin: env.CALLBACK_TASK_DEADLINE_MIN,
        recordingsBaseUrl: env.RECORDINGS_BASE_URL ?? null,
    }),
});
/** The route answer: CRM deadline and cache, the caller name; the rules file's lines (working hours) and client rules. */
export const routingSection = envSection({
    shape: {
        ROUTE_TIMEOUT_MS: ms(1500),
        ROUTE_CACHE_TTL_SEC: z.coerce.number().int().min(1).default(300),
        ROUTE_CALLER_NAME_MAX_CHARS: z.coerce.number().int().min(0).max(80).default(24),
    },
    build: (env, rules) => ({
        timeoutMs: env.ROUTE_TIMEOUT_MS, cacheTtlSec: env.ROUTE_CACHE_TTL_SEC, callerNameMaxChars: env.ROUTE_CALLER_NAME_MAX_CHARS,
        lines: rules.lines, clientRules: rules.clientRules,
    }),
});
