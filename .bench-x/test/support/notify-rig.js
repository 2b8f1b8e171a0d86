import { onTestFinished } from 'vitest';
import { aCall, aRing } from '../../harness/call-builders.js';
import { CallJournal } from '../../src/journal/call-journal.js';
import { startNotifyService } from '../../src/notify/notify-service.js';
import { memoryLogger } from './ami-replay.js';
import { testRedis, testRedisUrl, uniquePrefix } from './test-redis.js';
export const RULES = {
    extensions: { 201: { email: 'anna@example.com', telegramChatId: '111' }, 202: { email: 'boris@example.com' } },
    lines: { '84951230000': { email: 'sales@example.com' } },
    supervisor: {},
};
/** Notification settings for tests: fast retries (backoff 200 ms doubling), mail at once, no escalation unless asked. */
export function notifyConfig(o = {}) {
    return {
        smtp: null, telegramBotToken: null, slackWebhookUrl: null, digestMinutes: 0, hourlyLimit: 20, dailySummaryAt: null, reportMail: null,
        timeZone: 'Europe/Moscow', escalateAfterMin: 60, attempts: 100, backoffMs: 200, consoleUrl: 'https://bridge.example.com', secrets: [],
        rules: RULES, ...o,
    };
}
let seq = 0;
/** A missed inbound call that ended `agoMs` ago on line 4951230000, rang 201 then 202 for 12 s. */
export function aMissedCall(o = {}) {
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
export async function startNotifyRig(o) {
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
