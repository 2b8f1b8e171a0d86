import nodemailer from 'nodemailer';
import { PermanentError, RetryableError } from '../errors.js';
/** SMTP's verdict, in words that carry no secret: 5xx replies and bad credentials are permanent, the rest retried. */
export function classifySmtpFailure(err) {
    const f = typeof err === 'object' && err !== null ? err : {};
    const code = typeof f.code === 'string' ? f.code : 'unknown';
    const reply = typeof f.responseCode === 'number' ? f.responseCode : null;
    const what = `SMTP send failed: ${code}${reply === null ? '' : ` (reply ${reply})`}`;
    if (code === 'EAUTH')
        return new PermanentError(`${what}: the server refused the credentials in SMTP_URL`);
    if (reply !== null && reply >= 500)
        return new PermanentError(`${what}: the server refused the message`);
    return new RetryableError(what);
}
/**
 * E-mail over SMTP (nodemailer): SMTP_URL as it is, so smtps:// is TLS from the first byte and smtp:// upgrades with
 * STARTTLS whenever the server offers it. Resolves after the server's 250 for the message.
 */
export function mailSender(settings, opts = {}) {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    const transport = nodemailer.createTransport(settings.url, { from: settings.from });
    transport.set('connectionTimeout', timeoutMs);
    return {
        channel: 'email',
        send: async (address, message) => {
            try {
                await transport.sendMail({ from: settings.from, to: address, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
            }
            catch (err) {
                throw classifySmtpFailure(err);
            }
        },
        close: async () => { transport.close(); },
    };
}
