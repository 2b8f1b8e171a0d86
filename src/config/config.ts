import type { AccountExtensionRules } from '../calls/account-extensions.js';
import { toAccountExtensionRules } from './account-code-env.js';
import type { Env } from './env-schema.js';
import type { Rules } from './rules-schema.js';
import type { ClientRule, LineRule } from './routing-rules-schema.js';
import type { HttpServerLimits } from '../http/http-server-limits.js';
import { toHttpLimits } from './http-env.js';
import { type Bitrix24Config, toBitrix24Config } from './bitrix24-env.js';
import { type CallControlConfig, toCallControlConfig } from './call-control-env.js';
import { type ConsoleConfig, type RecordingsConfig, toConsoleConfig, toRecordingsConfig } from './console-env.js';
import { type NotifyConfig, toNotifyConfig } from './notify-env.js';
import type { NotifyRules } from './notify-rules-schema.js';
import { type OnlyofficeConfig, toOnlyofficeConfig } from './onlyoffice-env.js';
import { type ReportsConfig, toReportsConfig } from './reports-env.js';
import { type WebhookConfig, toWebhookConfig } from './webhook-env.js';

export type CrmAdapterName = Env['CRM_ADAPTER'];

/** The one typed, frozen configuration object built from env + rules file. */
export interface Config {
  readonly ami: {
    readonly host: string; readonly port: number; readonly username: string; readonly secret: string;
    readonly actionTimeoutMs: number; readonly pingIntervalMs: number;
    readonly reconnectMinMs: number; readonly reconnectMaxMs: number;
  };
  /** Reading the PBX: lease among instances, periodic resync, stale-call sweeper. */
  readonly ingest: {
    readonly leaseTtlMs: number; readonly resyncEveryMs: number; readonly staleCallAfterMs: number;
    /** Stable id of this instance (its lease is taken back at once after a restart); random per process when null. */
    readonly instanceId: string | null;
  };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly queue: {
    readonly bufferMax: number; readonly attempts: number; readonly concurrency: number;
    /** Failed jobs kept for inspection and retry: at most `days` old and `count` many. */
    readonly keepFailed: { readonly days: number; readonly count: number };
  };
  readonly http: { readonly host: string; readonly port: number; readonly apiToken: string; readonly limits: HttpServerLimits };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly numbers: { readonly defaultCountry: string; readonly internalMaxLength: number };
  readonly trunk: { readonly channelPatterns: readonly string[]; readonly contextPatterns: readonly string[] };
  /** Phones named by account code: account → extension (list, rule, learning). */
  readonly accounts: AccountExtensionRules;
  readonly crm: { readonly adapter: CrmAdapterName };
  readonly sync: {
    readonly create: Env['CRM_CREATE'];
    readonly simpleMode: boolean;
    readonly repeatSales: boolean;
    readonly defaultContactName: string;
    readonly blacklist: readonly string[];
    readonly missedResponsible: string | null;
    /** MISSED_OWNER: the operator who rang first or last owns a missed call nobody else owns. */
    readonly missedOwner: 'first' | 'last';
    /** Rules file `notify.lines.<line>.owner`, keyed by the line as written there. */
    readonly lineOwners: Readonly<Record<string, string>>;
    readonly callbackTask: boolean;
    readonly callbackDeadlineMin: number;
    readonly recordingsBaseUrl: string | null;
  };
  readonly users: Readonly<Record<string, string>>;
  readonly routing: {
    readonly timeoutMs: number; readonly cacheTtlSec: number; readonly callerNameMaxChars: number;
    readonly lines: readonly LineRule[]; readonly clientRules: readonly ClientRule[];
  };
  readonly callControl: CallControlConfig;
  /** Reports, call-back detection, per-call traces and journal retention. */
  readonly reports: ReportsConfig;
  /** The operator console (off when CONSOLE_USERS_FILE is unset). */
  readonly console: ConsoleConfig;
  /** Where recordings are read (console playback). */
  readonly recordings: RecordingsConfig;
  /** Missed-call notifications (SMTP, Telegram, Slack), their recipients (rules file `notify`) and escalation. */
  readonly notify: NotifyConfig & { readonly rules: NotifyRules; readonly minRingSec: number };
  /** Present when CRM_ADAPTER=bitrix24. */
  readonly bitrix24: Bitrix24Config | null;
  /** Present when CRM_ADAPTER=webhook. */
  readonly webhook: WebhookConfig | null;
  /** Present when CRM_ADAPTER=onlyoffice. */
  readonly onlyoffice: OnlyofficeConfig | null;
  /** Every secret value, for log redaction and leak tests. */
  readonly secrets: readonly string[];
}

export function toConfig(env: Env, rules: Rules): Config {
  const bitrix24 = env.CRM_ADAPTER === 'bitrix24' ? toBitrix24Config(env) : null;
  const webhook = env.CRM_ADAPTER === 'webhook' ? toWebhookConfig(env) : null;
  const onlyoffice = env.CRM_ADAPTER === 'onlyoffice' ? toOnlyofficeConfig(env) : null;
  const notify = toNotifyConfig(env);
  return {
    ami: {
      host: env.AMI_HOST, port: env.AMI_PORT, username: env.AMI_USERNAME, secret: env.AMI_SECRET,
      actionTimeoutMs: env.AMI_ACTION_TIMEOUT_MS, pingIntervalMs: env.AMI_PING_INTERVAL_MS,
      reconnectMinMs: env.AMI_RECONNECT_MIN_MS, reconnectMaxMs: env.AMI_RECONNECT_MAX_MS,
    },
    ingest: {
      leaseTtlMs: env.AMI_LEASE_TTL_MS, resyncEveryMs: env.RESYNC_INTERVAL_MS, staleCallAfterMs: env.STALE_CALL_AFTER_MS,
      instanceId: env.INSTANCE_ID ?? null,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    queue: {
      bufferMax: env.EVENT_BUFFER_MAX, attempts: env.JOB_ATTEMPTS, concurrency: env.WORKER_CONCURRENCY,
      keepFailed: { days: env.QUEUE_KEEP_FAILED_DAYS, count: env.QUEUE_KEEP_FAILED_COUNT },
    },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT, apiToken: env.API_TOKEN, limits: toHttpLimits(env) },
    logLevel: env.LOG_LEVEL,
    numbers: { defaultCountry: env.DEFAULT_COUNTRY, internalMaxLength: env.INTERNAL_NUMBER_MAX_LENGTH },
    trunk: {
      channelPatterns: [...env.TRUNK_CHANNEL_PATTERNS, ...rules.trunkChannels],
      contextPatterns: [...env.TRUNK_CONTEXT_PATTERNS, ...rules.trunkContexts],
    },
    accounts: toAccountExtensionRules(env),
    crm: { adapter: env.CRM_ADAPTER },
    sync: {
      create: env.CRM_CREATE, simpleMode: env.CRM_SIMPLE_MODE, repeatSales: env.CRM_REPEAT_SALES,
      defaultContactName: env.CRM_DEFAULT_CONTACT_NAME, blacklist: rules.blacklist,
      missedResponsible: env.MISSED_CALLS_RESPONSIBLE ?? null, missedOwner: env.MISSED_OWNER,
      lineOwners: Object.fromEntries(Object.entries(rules.notify.lines).flatMap(([line, l]) => (l.owner ? [[line, l.owner]] : []))),
      callbackTask: env.CALLBACK_TASK, callbackDeadlineMin: env.CALLBACK_TASK_DEADLINE_MIN,
      recordingsBaseUrl: env.RECORDINGS_BASE_URL ?? null,
    },
    users: rules.users,
    routing: {
      timeoutMs: env.ROUTE_TIMEOUT_MS, cacheTtlSec: env.ROUTE_CACHE_TTL_SEC, callerNameMaxChars: env.ROUTE_CALLER_NAME_MAX_CHARS,
      lines: rules.lines, clientRules: rules.clientRules,
    },
    callControl: toCallControlConfig(env),
    reports: toReportsConfig(env),
    console: toConsoleConfig(env),
    recordings: toRecordingsConfig(env),
    notify: { ...notify, rules: rules.notify, minRingSec: env.MISSED_MIN_RING_SEC },
    bitrix24,
    webhook,
    onlyoffice,
    secrets: [
      env.AMI_SECRET, env.API_TOKEN, env.BITRIX24_APPLICATION_TOKEN ?? '',
      ...(bitrix24?.secrets ?? []), ...(webhook?.secrets ?? []), ...(onlyoffice?.secrets ?? []), ...notify.secrets,
    ].filter((s) => s.length > 0),
  };
}
