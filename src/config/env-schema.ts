import { z } from 'zod';
import { AccountCodeEnvShape } from './account-code-env.js';
import { Bitrix24EnvSchema } from './bitrix24-env.js';
import { CallControlEnvShape } from './call-control-env.js';
import { ConsoleEnvShape } from './console-env.js';
import { HttpLimitsEnvShape } from './http-env.js';
import { NotifyEnvShape } from './notify-env.js';
import { OnlyofficeEnvShape } from './onlyoffice-env.js';
import { RedisUrlSchema } from './redis-url.js';
import { ReportsEnvShape } from './reports-env.js';
import { WebhookEnvShape } from './webhook-env.js';

const port = (fallback: number) =>
  z.coerce.number({ error: 'must be a TCP port number (1-65535)' }).int().min(1).max(65535).default(fallback);
const ms = (fallback: number) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1).default(fallback);
const required = (hint: string) => z.string({ error: `is required: ${hint}` }).min(1, `is empty: ${hint}`);
const flag = (fallback: boolean) => z.stringbool().default(fallback);
const list = z.string().default('').transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Every environment variable the daemon reads. README's configuration table lists the same names. */
const CoreEnvSchema = z.object({
  AMI_HOST: z.string().min(1).default('127.0.0.1'),
  AMI_PORT: port(5038),
  AMI_USERNAME: required('set it to the [user] section name in manager.conf'),
  AMI_SECRET: required("set it to that manager.conf user's secret").min(6, 'is too short: use at least 6 characters in manager.conf and here'),
  AMI_ACTION_TIMEOUT_MS: ms(5000),
  AMI_PING_INTERVAL_MS: ms(20000),
  AMI_RECONNECT_MIN_MS: ms(500),
  AMI_RECONNECT_MAX_MS: ms(30000),
  AMI_LEASE_TTL_MS: ms(5000),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64); unique per instance').optional(),
  RESYNC_INTERVAL_MS: ms(300_000),
  STALE_CALL_AFTER_MS: ms(4 * 3600_000),
  REDIS_URL: RedisUrlSchema,
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('pcb'),
  EVENT_BUFFER_MAX: z.coerce.number().int().min(100).default(100000),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(25),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  QUEUE_KEEP_FAILED_DAYS: z.coerce.number().min(0.01).max(365).default(7),
  QUEUE_KEEP_FAILED_COUNT: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  CRM_ADAPTER: z.enum(['local', 'bitrix24', 'onlyoffice', 'webhook'], { error: 'must be one of local, bitrix24, onlyoffice, webhook' }).default('local'),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: port(8080),
  ...HttpLimitsEnvShape,
  API_TOKEN: required('set it to a random string of at least 16 characters (openssl rand -hex 24)')
    .min(16, 'is too short: use at least 16 random characters (openssl rand -hex 24)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // read by the start command (npm start, the image, the systemd unit) as node's --max-old-space-size; checked here too
  NODE_MAX_OLD_SPACE_MB: z.coerce.number().int().min(64, 'is below 64 MB: the daemon needs more heap than that').default(256),
  DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 two-letter code such as RU or NL').default('RU'),
  INTERNAL_NUMBER_MAX_LENGTH: z.coerce.number().int().min(1).max(9).default(4),
  TRUNK_CHANNEL_PATTERNS: list,
  TRUNK_CONTEXT_PATTERNS: z.string().default('^from-trunk$,^from-pstn$,-incoming$').transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  RULES_FILE: z.string().optional(),
  CRM_CREATE: z.enum(['none', 'contact', 'lead', 'deal']).default('contact'),
  CRM_SIMPLE_MODE: flag(false),
  CRM_REPEAT_SALES: flag(false),
  CRM_DEFAULT_CONTACT_NAME: z.string().min(1).default('No name'),
  MISSED_CALLS_RESPONSIBLE: z.string().regex(/^\d{1,9}$/, 'an extension number').optional(),
  CALLBACK_TASK: flag(true),
  CALLBACK_TASK_DEADLINE_MIN: z.coerce.number().int().min(1).default(60),
  RECORDINGS_BASE_URL: z.string().url().optional(),
  ROUTE_TIMEOUT_MS: ms(1500),
  ROUTE_CACHE_TTL_SEC: z.coerce.number().int().min(1).default(300),
  ROUTE_CALLER_NAME_MAX_CHARS: z.coerce.number().int().min(0).max(80).default(24),
});

export const EnvSchema = CoreEnvSchema.extend(Bitrix24EnvSchema.shape).extend(CallControlEnvShape)
  .extend(WebhookEnvShape).extend(OnlyofficeEnvShape).extend(AccountCodeEnvShape).extend(ReportsEnvShape).extend(ConsoleEnvShape)
  .extend(NotifyEnvShape);

export type Env = z.output<typeof EnvSchema>;
