import type { NoticeMessage } from './notice-text.js';
import type { NoticeChannel } from './notice-recipients.js';

/**
 * Sends one message to one address of its channel. Resolves once the peer accepted it (SMTP 250, HTTP 2xx); throws
 * RetryableError (outage, 4xx SMTP, 429/5xx) or PermanentError (bad address, bad credentials); messages hold no secret.
 */
export interface NoticeSender {
  readonly channel: NoticeChannel;
  send(address: string, message: NoticeMessage): Promise<void>;
  close(): Promise<void>;
}
