import type { NotifyRules, NotifyTarget } from '../config/notify-rules-schema.js';
import type { CallRecord } from '../journal/call-record.js';
import { sameLine } from '../calls/same-line.js';

export type NoticeChannel = 'email' | 'telegram' | 'slack';

/** One delivery of one call's notice: an e-mail address, a Telegram chat, or the Slack webhook (address `webhook`). */
export interface Recipient {
  readonly channel: NoticeChannel;
  readonly address: string;
}

/** Which channels can send at all (their settings are present). */
export interface ChannelsOn {
  readonly email: boolean;
  readonly telegram: boolean;
  readonly slack: boolean;
}

function targetRecipients(target: NotifyTarget | undefined, on: ChannelsOn): Recipient[] {
  if (!target) return [];
  const emails = target.email === undefined ? [] : Array.isArray(target.email) ? target.email : [target.email];
  return [
    ...(on.email ? emails.map((address) => ({ channel: 'email' as const, address: address.toLowerCase() })) : []),
    ...(on.telegram && target.telegramChatId ? [{ channel: 'telegram' as const, address: target.telegramChatId }] : []),
  ];
}

/** The rules file's entry for a line (its DIDs in any format), or undefined. */
export function lineTarget(rules: NotifyRules, line: string | null): NotifyTarget | undefined {
  if (line === null) return undefined;
  return Object.entries(rules.lines).find(([did]) => sameLine(did, line))?.[1];
}

/**
 * Who hears of a missed call: its owner's addresses, the line's addresses in addition, and the Slack webhook once;
 * each address once even when the owner's and the line's overlap.
 */
export function recipientsOf(record: CallRecord, rules: NotifyRules, on: ChannelsOn): Recipient[] {
  const owner = record.agent === null ? undefined : rules.extensions[record.agent];
  const all = [...targetRecipients(owner, on), ...targetRecipients(lineTarget(rules, record.line), on)];
  if (on.slack) all.push({ channel: 'slack', address: 'webhook' });
  const seen = new Set<string>();
  return all.filter((r) => !seen.has(`${r.channel}:${r.address}`) && seen.add(`${r.channel}:${r.address}`));
}

/** The supervisor's addresses (escalations, the daily summary). */
export function supervisorRecipients(rules: NotifyRules, on: ChannelsOn): Recipient[] {
  return targetRecipients(rules.supervisor, on);
}
