import { onTestFinished } from 'vitest';
import { SMTP_SINK_PASSWORD, SMTP_SINK_USER, startSmtpSink } from '../../harness/mail/smtp-sink.js';
export const TEST_SMTP_USER = SMTP_SINK_USER;
export const TEST_SMTP_PASSWORD = SMTP_SINK_PASSWORD;
/** The harness SMTP sink, stopped after the test. */
export async function startTestSmtp() {
    const smtp = await startSmtpSink();
    onTestFinished(() => smtp.stop());
    return smtp;
}
