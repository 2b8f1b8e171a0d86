import { z } from 'zod';
import { envSection } from './env-section.js';
const optionalText = z.string().trim().optional().transform((s) => (s ? s : undefined));
const whole = (error) => z.coerce.number({ error }).int();
function knownZone(tz) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/** Missed-call notifications (docs/notifications.md); MISSED_OWNER is a sync rule (core-sections.ts). */
const NotifyEnvShape = {
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
    REPORT_MAIL_TO: optionalText,
    REPORT_MAIL_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (24 h)').optional(),
    CONSOLE_URL: z.url({ error: 'must be the http(s) address the console is reached at, e.g. https://bridge.example.com' }).optional(),
};
function mailList(value) {
    return (value ?? '').split(',').map((a) => a.trim()).filter((a) => a.length > 0);
}
const TELEGRAM_TOKEN = /^\d{3,12}:[A-Za-z0-9_-]{30,60}$/;
/** Problems no schema field can see alone: each names the variable, never its value. */
export function notifyEnvProblems(env) {
    const problems = [];
    if (env.SMTP_URL !== undefined) {
        let url = null;
        try {
            url = new URL(env.SMTP_URL);
        }
        catch { /* reported below */ }
        if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
            problems.push('SMTP_URL: must be smtp://[user:pass@]host[:port] (STARTTLS) or smtps://[user:pass@]host[:port] (TLS)');
        }
        if (env.SMTP_FROM === undefined)
            problems.push('SMTP_FROM: is required with SMTP_URL: the sender address, e.g. "PBX bridge <pbx@example.com>"');
    }
    if (env.SMTP_FROM !== undefined && !/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(env.SMTP_FROM)) {
        problems.push('SMTP_FROM: must contain an e-mail address, e.g. pbx@example.com or "PBX bridge <pbx@example.com>"');
    }
    const reportTo = mailList(env.REPORT_MAIL_TO);
    if (reportTo.some((a) => !/^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/.test(a)))
        problems.push('REPORT_MAIL_TO: must be e-mail addresses separated by commas');
    if (reportTo.length > 0 && env.SMTP_URL === undefined)
        problems.push('REPORT_MAIL_TO: needs SMTP_URL (the report is mailed)');
    if (env.REPORT_MAIL_AT !== undefined && reportTo.length === 0)
        problems.push('REPORT_MAIL_AT: needs REPORT_MAIL_TO (who gets the daily report)');
    if (env.TELEGRAM_BOT_TOKEN !== undefined && !TELEGRAM_TOKEN.test(env.TELEGRAM_BOT_TOKEN)) {
        problems.push('TELEGRAM_BOT_TOKEN: is not a bot token (123456789:AA… as @BotFather gives it)');
    }
    if (env.SLACK_WEBHOOK_URL !== undefined && !/^https?:\/\/[^\s/]+\/\S*$/.test(env.SLACK_WEBHOOK_URL)) {
        problems.push('SLACK_WEBHOOK_URL: must be the https:// address of an incoming webhook');
    }
    return problems;
}
export function toNotifyConfig(env, fallbacks) {
    const smtp = env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null;
    const smtpPassword = smtp ? decodeURIComponent(new URL(smtp.url).password) : '';
    return {
        smtp, telegramBotToken: env.TELEGRAM_BOT_TOKEN ?? null, slackWebhookUrl: env.SLACK_WEBHOOK_URL ?? null,
        digestMinutes: env.NOTIFY_DIGEST_MINUTES, hourlyLimit: env.NOTIFY_HOURLY_LIMIT, dailySummaryAt: env.NOTIFY_DAILY_SUMMARY_AT ?? null,
        timeZone: env.NOTIFY_TIME_ZONE ?? fallbacks.timeZone,
        escalateAfterMin: env.MISSED_ESCALATE_AFTER_MIN || fallbacks.escalateAfterMin,
        reportMail: env.REPORT_MAIL_TO ? { to: mailList(env.REPORT_MAIL_TO), at: env.REPORT_MAIL_AT ?? '08:00' } : null,
        attempts: env.NOTIFY_ATTEMPTS, backoffMs: env.NOTIFY_BACKOFF_MS, consoleUrl: env.CONSOLE_URL?.replace(/\/+$/, '') ?? null,
        secrets: [smtp?.url ?? '', smtpPassword, env.TELEGRAM_BOT_TOKEN ?? '', env.SLACK_WEBHOOK_URL ?? ''].filter((s) => s.length > 0),
    };
}
/** Fills the settings that fall back to other sections (REPORT_TIME_ZONE, CALLBACK_TASK_DEADLINE_MIN). */
export function finishNotify(draft, fallbacks) {
    return { ...draft, timeZone: draft.timeZone ?? fallbacks.timeZone, escalateAfterMin: draft.escalateAfterMin ?? fallbacks.escalateAfterMin };
}
/** Missed-call notifications: senders, digests, escalation, the rules file's `notify` recipients (Config.notify). */
export const notifySection = envSection({
    shape: NotifyEnvShape,
    problems: (env) => notifyEnvProblems(env),
    secrets: (env) => toNotifyConfig(env, { timeZone: 'UTC', escalateAfterMin: 0 }).secrets.slice(),
    build: (env, rules) => ({
        ...toNotifyConfig(env, { timeZone: 'UTC', escalateAfterMin: 0 }),
        timeZone: env.NOTIFY_TIME_ZONE ?? null, escalateAfterMin: env.MISSED_ESCALATE_AFTER_MIN || null,
        rules: rules.notify, minRingSec: env.MISSED_MIN_RING_SEC,
    }),
});
