import { onTestFinished } from 'vitest';
import { aCall, aRing } from '../../harness/call-builders.js';
import type { CallSnapshot } from '../../src/calls/call.js';
import type { NotifyConfig } from '../../src/config/notify-env.js';
import type { NotifyRules } from '../../src/config/notify-rules-schema.js';
import { CallJournal } from '../../src/journal/call-journal.js';
import type { CallRecord, LineHoursCheck } from '../../src/journal/call-record.js';
import type { NoticeSender } from '../../src/notify/notice-sender.js';
import type { DailyReportSource } from '../../src/notify/report-mail.js';
import { startNotifyService, type NotifyService } from '../../src/notify/notify-service.js';
import { memoryLogger } from './ami-replay.js';
import { testRedis, testRedisUrl, uniquePrefix } from './test-redis.js';

export const RULES: NotifyRules = {
  extensions: { 201: { email: 'anna@example.com', telegramChatId: '111' }, 202: { email: 'boris@example.com' } },
  lines: { '84951230000': { email: 'sales@example.com' } },
  supervisor: {},
};

/** Notification settings for tests: fast retries (backoff 200 ms doubling), mail at once, no escalation unless asked. */
export function notifyConfig(o: Partial<NotifyConfig> & { rules?: NotifyRules } = {}): NotifyConfig & { rules: NotifyRules } {
  return {
    smtp: null, telegramBotToken: null, slackWebhookUrl: null, digestMinutes: 0, hourlyLimit: 20, dailySummaryAt: null, reportMail: null,
    timeZone: 'Europe/Moscow', escalateAfterMin: 60, attempts: 100, backoffMs: 200, consoleUrl: 'https://bridge.example.com', secrets: [],
    rules: RULES, ...o,
  };
}

let seq = 0;

/** A missed inbound call that ended `agoMs` ago on line 4951230000, rang 201 then 202 for 12 s. */
export function aMissedCall(o: Partial<CallSnapshot> & { agoMs?: number } = {}): CallSnapshot {
  seq += 1;
  const endedAtMs = Date.now() - (o.agoMs ?? 1000);
  const startedAtMs = endedAtMs - 12_000;
  const { agoMs: _ago, ...given } = o;
  return aCall({
    id: `1795000${String(seq).padStart(3, '0')}.${seq}`, externalNumber: `+7495555${String(1000 + seq)}`, line: '4951230000', startedAtMs,
    rang: [aRing('201', startedAtMs + 500, 'cancelled', endedAtMs), aRing('202', startedAtMs + 6000, 'cancelled', endedAtMs)],
    endedAtMs, ringDurationSec: 12, talkDurationSec: 0, disposition: 'missed', hangupCause: 16, ...given,
  });
}

export interface NotifyRig {
  readonly journal: CallJournal;
  readonly service: NotifyService;
  readonly log: ReturnType<typeof memoryLogger>;
  readonly prefix: string;
  /** Journals a missed call owned by `owner` and hands it to the service. */
  missed(call: CallSnapshot, owner: string | null, client?: string | null): Promise<CallRecord>;
}

export async function startNotifyRig(o: {
  config: ReturnType<typeof notifyConfig>; senders: NoticeSender[]; now?: () => number; opensAt?: (line: string | null, fromMs: number) => number | null;
  /** The lines' hours as the journal sees them (default: always open). */
  hours?: LineHoursCheck;
  reports?: DailyReportSource;
}): Promise<NotifyRig> {
  const prefix = uniquePrefix();
  const journal = new CallJournal(testRedis(), prefix, { callbackWindowMs: 24 * 3_600_000, minRingSec: 3, hours: o.hours ?? null });
  const log = memoryLogger('debug');
  const service = await startNotifyService({
    redis: testRedisUrl(), prefix, config: o.config, senders: o.senders, journal, opensAt: o.opensAt ?? ((_line, fromMs) => fromMs), log: log.log,
    ...(o.now ? { now: o.now } : {}), ...(o.reports ? { reports: o.reports } : {}),
  });
  onTestFinished(() => service.close());
  return {
    journal, service, log, prefix,
    missed: async (call, owner, client = null) => {
      const record = await journal.record(call, owner, null);
      await service.missedCall(record, client);
      return record;
    },
  };
}
