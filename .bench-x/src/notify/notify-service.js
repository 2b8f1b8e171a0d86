import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { PermanentError, RetryableError } from '../errors.js';
import { connectRedis } from '../net/redis-client.js';
import { bullPrefix } from '../queue/job-id.js';
import { dailyCron, notifyRetryDelayMs } from './delivery-plan.js';
import { supervisorRecipients } from './notice-recipients.js';
import { NOTIFY_QUEUE, notifyJobId } from './notify-job.js';
import { NotifyLedger } from './notify-ledger.js';
import { isOpenMissed, NotifyProcessor } from './notify-processor.js';
const KEEP = { removeOnComplete: { age: 3 * 86_400, count: 50_000 }, removeOnFail: { age: 30 * 86_400 } };
/** The notifications queue (`notify`) and its worker: retried with backoff, kept in Redis across crashes and outages. */
export async function startNotifyService(o) {
    const log = o.log.child({ component: 'notify' });
    const now = o.now ?? Date.now;
    const redis = connectRedis(o.redis, { maxRetriesPerRequest: null });
    redis.on('error', (err) => log.debug({ err }, 'notify redis connection error'));
    const prefix = bullPrefix(o.prefix);
    const queue = new Queue(NOTIFY_QUEUE, { connection: redis, prefix });
    queue.on('error', (err) => log.debug({ err }, 'notify queue error'));
    const enqueue = async (job, jobId, delayMs) => {
        await queue.add(job.kind, job, { jobId, delay: Math.max(0, Math.round(delayMs)), attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP });
    };
    const senders = Object.fromEntries(o.senders.map((s) => [s.channel, s]));
    const processor = new NotifyProcessor({
        journal: o.journal, ledger: new NotifyLedger(redis, o.prefix), senders, rules: o.config.rules, settings: o.config, enqueue, now, log,
        ...(o.reports ? { reports: o.reports } : {}),
    });
    const supervisor = supervisorRecipients(o.config.rules, processor.channelsOn);
    if (o.config.dailySummaryAt !== null && supervisor.length > 0) {
        await queue.upsertJobScheduler('daily-summary', { pattern: dailyCron(o.config.dailySummaryAt), tz: o.config.timeZone }, { name: 'summary', data: { kind: 'summary' }, opts: { attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP } });
    }
    else {
        await queue.removeJobScheduler('daily-summary');
    }
    const report = o.config.reportMail;
    if (report && o.reports && senders['email']) {
        await queue.upsertJobScheduler('daily-report', { pattern: dailyCron(report.at), tz: o.config.timeZone }, { name: 'report', data: { kind: 'report' }, opts: { attempts: o.config.attempts, backoff: { type: 'notify' }, ...KEEP } });
    }
    else {
        await queue.removeJobScheduler('daily-report');
    }
    const worker = o.worker === false ? null : new Worker(NOTIFY_QUEUE, async (job) => {
        try {
            // a scheduler's job keeps its scheduled time (prevMillis) across retries: the daily report's day comes from it
            await processor.run(job.data, job.id, job.opts.prevMillis ?? job.timestamp);
        }
        catch (err) {
            const e = err instanceof Error ? err : new RetryableError('notification failed');
            log.warn({ job: job.name, attempt: job.attemptsMade + 1, err: { name: e.name, message: e.message } }, 'notification not sent yet');
            if (e instanceof PermanentError)
                throw new UnrecoverableError(e.message);
            throw e;
        }
    }, {
        connection: redis, prefix, concurrency: 4, lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 10,
        settings: {
            backoffStrategy: (attemptsMade, _type, err) => notifyRetryDelayMs(attemptsMade, o.config.backoffMs, err instanceof RetryableError ? err.retryAfterMs : 0),
        },
    });
    worker?.on('error', (err) => log.warn({ err: { name: err.name, message: err.message } }, 'notify worker error'));
    return {
        missedCall: async (record, client) => {
            if (!isOpenMissed(record))
                return;
            const at = now();
            const opensAt = record.outOfHours ? (o.opensAt(record.line, at) ?? at) : null;
            await enqueue({ kind: 'fanout', callId: record.id, client }, notifyJobId(record.id, 'fanout'), (opensAt ?? at) - at);
            if (supervisor.length === 0 || record.externalNumber === null)
                return;
            // the deadline runs from the end of the call, or from the opening of its line for a call missed out of hours
            const dueAt = Math.max(opensAt ?? 0, record.endedAtMs ?? record.startedAtMs) + o.config.escalateAfterMin * 60_000;
            await enqueue({ kind: 'escalate', callId: record.id, client }, notifyJobId(record.id, 'escalate'), dueAt - at);
        },
        close: async () => {
            await worker?.close();
            await queue.close();
            for (const s of o.senders)
                await s.close();
            redis.disconnect();
        },
    };
}
