import type { NoticeChannel } from './notice-recipients.js';

/** The jobs of the notifications queue (`notify`, apart from the call events). */
export type NotifyJob =
  | { readonly kind: 'fanout'; readonly callId: string; readonly client: string | null }
  | { readonly kind: 'send'; readonly callId: string; readonly client: string | null; readonly channel: NoticeChannel; readonly address: string }
  | { readonly kind: 'digest'; readonly address: string; readonly windowEnd: number }
  | { readonly kind: 'escalate'; readonly callId: string; readonly client: string | null }
  | { readonly kind: 'summary' }
  /** The scheduler's daily job: its day comes from its scheduled time; it queues one report-send per address. */
  | { readonly kind: 'report' }
  | { readonly kind: 'report-send'; readonly day: string; readonly address: string };

export const NOTIFY_QUEUE = 'notify';

/** BullMQ refuses ':' in custom job ids. */
export function notifyJobId(...parts: ReadonlyArray<string | number>): string {
  return parts.map((p) => String(p).replaceAll(':', '_')).join('-');
}
