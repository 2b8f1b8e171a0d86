import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { NotifyConfig } from '../config/notify-env.js';
import type { NotifyRules } from '../config/notify-rules-schema.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { CallRecord } from '../journal/call-record.js';
import type { Logger } from '../log.js';
import { connectRedis, type RedisTarget } from '../net/redis-client.js';
import { bullPrefix } from '../queue/job-id.js';
import { dailyCron, notifyRetryDelayMs } from './delivery-plan.js';
import { supervisorRecipients } from './notice-recipients.js';
import type { NoticeSender } from './notice-sender.js';
import { NOTIFY_QUEUE, notifyJobId, type NotifyJob } from './notify-job.js';
import { NotifyLedger } from './notify-ledger.js';
import { isOpenMissed, NotifyProcessor, type NotifyProcessorDeps } from './notify-processor.js';
import type { DailyReportSource } from './report-mail.js';

export interface NotifyServiceOptions {
  /** Config.redis.connection (or a REDIS_URL): the service opens its own connection there. */
  readonly redis: RedisTarget | string;
  readonly prefix: string;
  readonly config: NotifyConfig & { readonly rules: NotifyRules };
  readonly senders: readonly NoticeSender[];
  readonly journal: NotifyProcessorDeps['journal'];
  /** When the call's line opens (at or after fromMs; null: it does not), for calls missed out of hours. */
  readonly opensAt: (line: string | null, fromMs: number) => number | null;
  /** Run the worker in this process (default true). */
  readonly worker?: boolean;
  readonly log: Logger;
  readonly now?: () => number;
  /** The figures of the daily report mail (REPORT_MAIL_TO); without them there is none. */
  readonly reports?: DailyReportSource;
}

export interface NotifyService {
  /** Queues the notices (and the escalation) of a journaled missed call; idempotent per call. */
  missedCall(record: CallRecord, client: string | null): Promise<void>;
  close(): Promise<void>;
}

const KEEP = { removeOnComplete: { age: 3 * 86_400, count: 50_000 }, removeOnFail: { age: 30 * 86_400 } };

/** The notifications queue (`notify`) and its worker: retried with backoff, kept in Redis across crashes and outages. */
export async function startNotifyService(o: NotifyServiceOptions): Promise<NotifyService> {
  const log = o.log.child({ component: 'notify' });
  const now = o.now ?? Date.now;
  const redis = connectRedis(o.redis, { maxRetriesPerRequest: null });
  redis.on('error', (err: Error) => log.debug({ err }, 'notify redis connection error'));
  const prefix = bullPrefix(o.prefix);
  const queue = new Queue<NotifyJob>(NOTIFY_QUEUE, { connection: redis, prefix });
  queue.on('error', (err: Error) => log.debug({ err }, 'notify queue error'));
  const enqueue = async (job: NotifyJob, jobId: string, delayMs: number) => {
    await queue.add(job.kind, job, { jobId, delay: Math.max(0, Math.round(delayMs)), attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP });
  };
  const senders = Object.fromEntries(o.senders.map((s) => [s.channel, s]));
  const processor = new NotifyProcessor({
    journal: o.journal, ledger: new NotifyLedger(redis, o.prefix), senders, rules: o.config.rules, settings: o.config, enqueue, now, log,
    ...(o.reports ? { reports: o.reports } : {}),
  });
  const supervisor = supervisorRecipients(o.config.rules, processor.channelsOn);
  if (o.config.dailySummaryAt !== null && supervisor.length > 0) {
    await queue.upsertJobScheduler('daily-summary', { pattern: dailyCron(o.config.dailySummaryAt), tz: o.config.timeZone },
      { name: 'summary', data: { kind: 'summary' }, opts: { attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP } });
  } else {
    await queue.removeJobScheduler('daily-summary');
  }
  const report = o.config.reportMail;
  if (report && o.reports && senders['email']) {
    await queue.upsertJobScheduler('daily-report', { pattern: dailyCron(report.at), tz: o.config.timeZone },
      { name: 'report', data: { kind: 'report' }, opts: { attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP } });
  } else {
    await queue.removeJobScheduler('daily-report');
  }
  const worker = o.worker === false ? null : new Worker<NotifyJob>(NOTIFY_QUEUE, async (job: Job<NotifyJob>) => {
    try {
      // a scheduler's job keeps its scheduled time (prevMillis) across retries: the daily report's day comes from it
      await processor.run(job.data, job.id, job.opts.prevMillis ?? job.timestamp);
    } catch (err) {
      const e = err instanceof Error ? err : new RetryableError('notification failed');
      log.warn({ job: job.name, attempt: job.attemptsMade + 1, err: { name: e.name, message: e.message } }, 'notification not sent yet');
      if (e instanceof PermanentError) throw new UnrecoverableError(e.message);
      throw e;
    }
  }, {
    connection: redis, prefix, concurrency: 4, lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 10,
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
        notifyRetryDelayMs(attemptsMade, o.config.backoffMs, err instanceof RetryableError ? err.retryAfterMs : 0),
    },
  });
  worker?.on('error', (err: Error) => log.warn({ err: { name: err.name, message: err.message } }, 'notify worker error'));
  return {
    missedCall: async (record, client) => {
      if (!isOpenMissed(record)) return;
      const at = now();
      const opensAt = record.outOfHours ? (o.opensAt(record.line, at) ?? at) : null;
      await enqueue({ kind: 'fanout', callId: record.id, client }, notifyJobId(record.id, 'fanout'), (opensAt ?? at) - at);
      if (supervisor.length === 0 || record.externalNumber === null) return;
      // the deadline runs from the end of the call, or from the opening of its line for a call missed out of hours
      const dueAt = Math.max(opensAt ?? 0, record.endedAtMs ?? record.startedAtMs) + o.config.escalateAfterMin * 60_000;
      await enqueue({ kind: 'escalate', callId: record.id, client }, notifyJobId(record.id, 'escalate'), dueAt - at);
    },
    close: async () => {
      await worker?.close();
      await queue.close();
      for (const s of o.senders) await s.close();
      redis.disconnect();
    },
  };
}
