import { z } from 'zod';

const optionalText = z.string().trim().optional().transform((s) => (s ? s : undefined));
const whole = (error: string) => z.coerce.number({ error }).int();

function knownZone(tz: string): boolean {
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; }
}

/** Missed-call ownership and notifications (merged into EnvSchema; docs/notifications.md). */
export const NotifyEnvShape = {
  MISSED_OWNER: z.enum(['first', 'last'], { error: 'must be first or last (the operator who rang first or last owns a missed call)' }).default('first'),
  MISSED_MIN_RING_SEC: whole('must be a whole number of seconds').min(0).max(600).default(0),
  MISSED_ESCALATE_AFTER_MIN: whole('must be a whole number of minutes (0: CALLBACK_TASK_DEADLINE_MIN)').min(0).default(0),
  SMTP_URL: optionalText,
  SMTP_FROM: optionalText,
  TELEGRAM_BOT_TOKEN: optionalText,
  SLACK_WEBHOOK_URL: optionalText,
  NOTIFY_DIGEST_MINUTES: whole('must be a whole number of minutes (0: mail each missed call at once)').min(0).max(24 * 60).default(0),
  NOTIFY_HOURLY_LIMIT: whole('must be a whole number of mails').min(1).max(10_000).default(20),
  NOTIFY_DAILY_SUMMARY_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (24 h)').optional(),
  NOTIFY_TIME_ZONE: z.string().refine(knownZone, 'must be an IANA time zone such as Europe/Moscow (default: REPORT_TIME_ZONE)').optional(),
  NOTIFY_ATTEMPTS: whole('must be a whole number of attempts').min(1).max(1000).default(200),
  NOTIFY_BACKOFF_MS: whole('must be a whole number of milliseconds').min(10).max(600_000).default(5_000),
  CONSOLE_URL: z.url({ error: 'must be the http(s) address the console is reached at, e.g. https://bridge.example.com' }).optional(),
} as const;

interface NotifyEnv {
  MISSED_OWNER: 'first' | 'last'; MISSED_MIN_RING_SEC: number; MISSED_ESCALATE_AFTER_MIN: number;
  SMTP_URL?: string | undefined; SMTP_FROM?: string | undefined; TELEGRAM_BOT_TOKEN?: string | undefined; SLACK_WEBHOOK_URL?: string | undefined;
  NOTIFY_DIGEST_MINUTES: number; NOTIFY_HOURLY_LIMIT: number; NOTIFY_DAILY_SUMMARY_AT?: string | undefined;
  NOTIFY_TIME_ZONE?: string | undefined; NOTIFY_ATTEMPTS: number; NOTIFY_BACKOFF_MS: number; CONSOLE_URL?: string | undefined;
  REPORT_TIME_ZONE: string; CALLBACK_TASK_DEADLINE_MIN: number;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… (TLS from the start). A secret: never logged. */
  readonly url: string;
  readonly from: string;
}

export interface NotifyConfig {
  readonly smtp: SmtpSettings | null;
  readonly telegramBotToken: string | null;
  readonly slackWebhookUrl: string | null;
  /** 0: each missed call is mailed at once. */
  readonly digestMinutes: number;
  /** More mails than this within an hour to one address turn into a digest. */
  readonly hourlyLimit: number;
  /** HH:MM in timeZone, or null: no daily summary. */
  readonly dailySummaryAt: string | null;
  readonly timeZone: string;
  /** Minutes after a missed call an open one is escalated to the supervisor. */
  readonly escalateAfterMin: number;
  readonly attempts: number;
  readonly backoffMs: number;
  /** Base address of the console for links (`<url>/console/missed`), or null. */
  readonly consoleUrl: string | null;
  readonly secrets: readonly string[];
}

const TELEGRAM_TOKEN = /^\d{3,12}:[A-Za-z0-9_-]{30,60}$/;

/** Problems no schema field can see alone: each names the variable, never its value. */
export function notifyEnvProblems(env: NotifyEnv): string[] {
  const problems: string[] = [];
  if (env.SMTP_URL !== undefined) {
    let url: URL | null = null;
    try { url = new URL(env.SMTP_URL); } catch { /* reported below */ }
    if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
      problems.push('SMTP_URL: must be smtp://[user:pass@]host[:port] (STARTTLS) or smtps://[user:pass@]host[:port] (TLS)');
    }
    if (env.SMTP_FROM === undefined) problems.push('SMTP_FROM: is required with SMTP_URL: the sender address, e.g. "PBX bridge <pbx@example.com>"');
  }
  if (env.SMTP_FROM !== undefined && !/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(env.SMTP_FROM)) {
    problems.push('SMTP_FROM: must contain an e-mail address, e.g. pbx@example.com or "PBX bridge <pbx@example.com>"');
  }
  if (env.TELEGRAM_BOT_TOKEN !== undefined && !TELEGRAM_TOKEN.test(env.TELEGRAM_BOT_TOKEN)) {
    problems.push('TELEGRAM_BOT_TOKEN: is not a bot token (123456789:AA… as @BotFather gives it)');
  }
  if (env.SLACK_WEBHOOK_URL !== undefined && !/^https?:\/\/[^\s/]+\/\S*$/.test(env.SLACK_WEBHOOK_URL)) {
    problems.push('SLACK_WEBHOOK_URL: must be the https:// address of an incoming webhook');
  }
  return problems;
}

export function toNotifyConfig(env: NotifyEnv): NotifyConfig {
  const smtp = env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null;
  const smtpPassword = smtp ? decodeURIComponent(new URL(smtp.url).password) : '';
  return {
    smtp, telegramBotToken: env.TELEGRAM_BOT_TOKEN ?? null, slackWebhookUrl: env.SLACK_WEBHOOK_URL ?? null,
    digestMinutes: env.NOTIFY_DIGEST_MINUTES, hourlyLimit: env.NOTIFY_HOURLY_LIMIT, dailySummaryAt: env.NOTIFY_DAILY_SUMMARY_AT ?? null,
    timeZone: env.NOTIFY_TIME_ZONE ?? env.REPORT_TIME_ZONE,
    escalateAfterMin: env.MISSED_ESCALATE_AFTER_MIN || env.CALLBACK_TASK_DEADLINE_MIN,
    attempts: env.NOTIFY_ATTEMPTS, backoffMs: env.NOTIFY_BACKOFF_MS, consoleUrl: env.CONSOLE_URL?.replace(/\/+$/, '') ?? null,
    secrets: [smtp?.url ?? '', smtpPassword, env.TELEGRAM_BOT_TOKEN ?? '', env.SLACK_WEBHOOK_URL ?? ''].filter((s) => s.length > 0),
  };
}
