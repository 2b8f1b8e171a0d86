import { onTestFinished } from 'vitest';
import { SMTP_SINK_PASSWORD, SMTP_SINK_USER, startSmtpSink, type ReceivedMail, type SmtpSink } from '../../harness/mail/smtp-sink.js';

export type { ReceivedMail };
export type TestSmtp = SmtpSink;
export const TEST_SMTP_USER = SMTP_SINK_USER;
export const TEST_SMTP_PASSWORD = SMTP_SINK_PASSWORD;

/** The harness SMTP sink, stopped after the test. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const smtp = await startSmtpSink();
  onTestFinished(() => smtp.stop());
  return smtp;
}
