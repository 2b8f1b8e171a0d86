import { CallReports } from '../journal/call-reports.js';
import { slackSender, telegramSender } from '../notify/chat-senders.js';
import { mailSender } from '../notify/mail-sender.js';
import { startNotifyService } from '../notify/notify-service.js';
/** The senders the settings name (SMTP_URL, TELEGRAM_BOT_TOKEN, SLACK_WEBHOOK_URL). */
export function noticeSenders(config) {
    const n = config.notify;
    return [
        ...(n.smtp ? [mailSender(n.smtp)] : []),
        ...(n.telegramBotToken ? [telegramSender(n.telegramBotToken)] : []),
        ...(n.slackWebhookUrl ? [slackSender(n.slackWebhookUrl)] : []),
    ];
}
/** The notifications queue and worker, or null when no channel is configured (missed calls are then only listed). */
export async function buildNotifySide(config, side, redis, log, runWorker) {
    const senders = noticeSenders(config);
    if (senders.length === 0)
        return null;
    // the daily report mail reads the report counters as /v1/reports does (operator names: none are configured, see journal-routes)
    const reports = new CallReports(redis, side.journal.counters, config.reports.answeredWithinSec);
    return startNotifyService({
        redis: config.redis.connection, prefix: config.redis.prefix, config: config.notify, senders, journal: side.journal, reports,
        opensAt: (line, fromMs) => side.lines.nextOpenAt(line, fromMs), worker: runWorker, log,
    });
}
