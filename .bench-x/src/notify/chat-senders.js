import axios from 'axios';
import { PermanentError, RetryableError } from '../errors.js';
/** An HTTP reply or failure in words without the URL (the bot token and the webhook URL are secrets). */
export function classifyChatFailure(service, err) {
    if (!axios.isAxiosError(err))
        return new RetryableError(`${service} request failed`);
    const status = err.response?.status;
    if (status === undefined)
        return new RetryableError(`${service} unreachable: ${err.code ?? 'network error'}`);
    const data = err.response?.data;
    const params = typeof data === 'object' && data !== null && 'parameters' in data ? data.parameters : null;
    const retryAfter = typeof params === 'object' && params !== null && 'retry_after' in params && typeof params.retry_after === 'number' ? params.retry_after : null;
    const header = Number(err.response?.headers['retry-after']);
    const retryAfterMs = retryAfter !== null ? retryAfter * 1000 : Number.isFinite(header) && header > 0 ? header * 1000 : undefined;
    if (status === 429 || status === 408 || status >= 500)
        return new RetryableError(`${service} answered HTTP ${status}`, retryAfterMs);
    return new PermanentError(`${service} refused the message: HTTP ${status}`);
}
function client(timeoutMs) {
    return axios.create({ timeout: timeoutMs, maxRedirects: 0, headers: { 'content-type': 'application/json' } });
}
/** Telegram Bot API sendMessage; the token is in the URL path, so no URL ever reaches a log or an error. */
export function telegramSender(botToken, opts = {}) {
    const http = client(opts.timeoutMs ?? 10_000);
    const url = `${opts.apiBase ?? 'https://api.telegram.org'}/bot${botToken}/sendMessage`;
    return {
        channel: 'telegram',
        send: async (chatId, message) => {
            try {
                await http.post(url, { chat_id: chatId, text: `${message.subject}\n\n${message.text}`, disable_web_page_preview: true });
            }
            catch (err) {
                throw classifyChatFailure('Telegram', err);
            }
        },
        close: async () => undefined,
    };
}
/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{"text": …}`. */
export function slackSender(webhookUrl, opts = {}) {
    const http = client(opts.timeoutMs ?? 10_000);
    return {
        channel: 'slack',
        send: async (_address, message) => {
            try {
                await http.post(webhookUrl, { text: `*${message.subject}*\n${message.text}` });
            }
            catch (err) {
                throw classifyChatFailure('Slack webhook', err);
            }
        },
        close: async () => undefined,
    };
}
