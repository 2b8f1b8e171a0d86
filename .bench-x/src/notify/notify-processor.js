import { isMissedRecord } from '../journal/call-figures.js';
import { deliveryMode, digestWindowEnd, digestWindowMin } from './delivery-plan.js';
import { noticeOf } from './missed-notice.js';
import { recipientsOf, supervisorRecipients } from './notice-recipients.js';
import { digestMessage, escalationMessage, missedMessage, summaryMessage, localTime } from './notice-text.js';
import { addressKey } from './notify-ledger.js';
import { notifyJobId } from './notify-job.js';
import { dailyReportMessage, dayBounds, previousDay } from './report-mail.js';
/** Still worth telling anyone about: a missed inbound call nobody called back, not a short abandon. */
export function isOpenMissed(r) {
    return r !== null && isMissedRecord(r) && r.answeredAtMs === null && !r.calledBack && r.shortAbandon !== true;
}
/**
 * Runs one notifications job. Each send checks the ledger's mark first and sets it right after the peer accepted
 * the message, so a call is told to an address once; the one window is a crash between the accept and the mark.
 */
export class NotifyProcessor {
    d;
    constructor(d) {
        this.d = d;
    }
    get channelsOn() {
        return { email: this.d.senders.email !== undefined, telegram: this.d.senders.telegram !== undefined, slack: this.d.senders.slack !== undefined };
    }
    /**
     * `jobId`: the queue's id of the job (a retry keeps it), which claims the day of a daily report; `scheduledMs`: when
     * the job was due (a scheduler's job: its scheduled time, kept by its retries), which picks the report's day.
     */
    async run(job, jobId = '', scheduledMs) {
        if (job.kind === 'report')
            return this.report(jobId, scheduledMs ?? this.d.now());
        if (job.kind === 'report-send')
            return this.reportSend(job.day, job.address);
        if (job.kind === 'fanout')
            return this.fanout(job.callId, job.client);
        if (job.kind === 'send')
            return this.sendOne(job.callId, job.client, { channel: job.channel, address: job.address });
        if (job.kind === 'digest')
            return this.digest(job.address, job.windowEnd);
        if (job.kind === 'escalate')
            return this.escalate(job.callId, job.client);
        return this.summary();
    }
    async fanout(callId, client) {
        const record = await this.d.journal.get(callId);
        if (!isOpenMissed(record))
            return;
        for (const to of recipientsOf(record, this.d.rules, this.channelsOn)) {
            await this.d.enqueue({ kind: 'send', callId, client, ...to }, notifyJobId(callId, 'send', to.channel, addressKey(to.channel, to.address)), 0);
        }
    }
    async sendOne(callId, client, to) {
        const record = await this.d.journal.get(callId);
        if (!isOpenMissed(record) || (await this.d.ledger.wasSent(to.channel, to.address, callId)))
            return;
        const now = this.d.now();
        const sentLastHour = await this.d.ledger.sentLastHour(to.channel, to.address, now);
        const s = this.d.settings;
        if (deliveryMode({ channel: to.channel, sentLastHour, hourlyLimit: s.hourlyLimit, digestMinutes: s.digestMinutes }) === 'digest') {
            const windowEnd = digestWindowEnd(now, digestWindowMin(s.digestMinutes));
            await this.d.ledger.addToDigest(to.address, windowEnd, callId);
            await this.d.enqueue({ kind: 'digest', address: to.address, windowEnd }, notifyJobId('digest', addressKey('email', to.address), windowEnd), windowEnd - now);
            return;
        }
        await this.deliver(to, missedMessage(noticeOf(record, client, s.consoleUrl), s.timeZone), [callId]);
    }
    async deliver(to, message, whats) {
        const sender = this.d.senders[to.channel];
        if (!sender)
            return;
        await sender.send(to.address, message);
        await this.d.ledger.markSent(to.channel, to.address, whats, this.d.now());
        this.d.log.info({ channel: to.channel, calls: whats.length, what: whats[0] }, 'notification sent');
    }
    async digest(address, windowEnd) {
        const open = [];
        for (const id of await this.d.ledger.digestCalls(address, windowEnd)) {
            const r = await this.d.journal.get(id);
            if (isOpenMissed(r) && !(await this.d.ledger.wasSent('email', address, id)))
                open.push(r);
        }
        if (open.length === 0)
            return;
        const s = this.d.settings;
        const notices = open.sort((a, b) => a.startedAtMs - b.startedAtMs).map((r) => noticeOf(r, null, s.consoleUrl));
        await this.deliver({ channel: 'email', address }, digestMessage(notices, s.timeZone), open.map((r) => r.id));
    }
    async escalate(callId, client) {
        const record = await this.d.journal.get(callId);
        if (!isOpenMissed(record))
            return;
        const s = this.d.settings;
        const message = escalationMessage(noticeOf(record, client, s.consoleUrl), s.escalateAfterMin, s.timeZone);
        for (const to of supervisorRecipients(this.d.rules, this.channelsOn)) {
            if (!(await this.d.ledger.wasSent(to.channel, to.address, `escalate-${callId}`)))
                await this.deliver(to, message, [`escalate-${callId}`]);
        }
    }
    async summary() {
        const toMs = this.d.now();
        const records = [];
        let cursor = null;
        do {
            const page = await this.d.journal.list({ fromMs: toMs - 86_400_000, toMs, limit: 500, cursor });
            records.push(...page.items.filter((r) => isMissedRecord(r)));
            cursor = page.nextCursor;
        } while (cursor !== null);
        const s = this.d.settings;
        const counted = records.filter((r) => r.shortAbandon !== true);
        const day = localTime(toMs, s.timeZone).slice(0, 10);
        const message = summaryMessage({
            day, missed: counted.length, calledBack: counted.filter((r) => r.calledBack).length, shortAbandons: records.length - counted.length,
            open: counted.filter((r) => isOpenMissed(r)).sort((a, b) => a.startedAtMs - b.startedAtMs).map((r) => noticeOf(r, null, s.consoleUrl)),
        }, s.timeZone);
        for (const to of supervisorRecipients(this.d.rules, this.channelsOn)) {
            if (!(await this.d.ledger.wasSent(to.channel, to.address, `summary-${day}`)))
                await this.deliver(to, message, [`summary-${day}`]);
        }
    }
    /**
     * The daily report of the local day before the job's scheduled time (`scheduledMs`: a retry after the next midnight
     * still reports that day), one job per address: the first job to claim the day queues them (a second instance's job
     * for the same day does nothing), so an address the server refuses fails alone and a failed send is retried alone.
     */
    async report(jobId, scheduledMs) {
        const mail = this.d.settings.reportMail;
        if (!mail || !this.d.reports || !this.d.senders.email)
            return;
        const { day } = previousDay(scheduledMs, this.d.settings.timeZone);
        if (!(await this.d.ledger.claim(`report-${day}`, jobId))) {
            this.d.log.info({ day }, 'daily report: another job claimed the day');
            return;
        }
        for (const address of new Set(mail.to)) {
            await this.d.enqueue({ kind: 'report-send', day, address }, notifyJobId('report', day, addressKey('email', address)), 0);
        }
    }
    /** The daily report of `day` to one address, once (its `report-<day>` mark). */
    async reportSend(day, address) {
        const what = `report-${day}`;
        if (!this.d.reports || (await this.d.ledger.wasSent('email', address, what)))
            return;
        const tz = this.d.settings.timeZone;
        const q = { ...dayBounds(day, tz), tz };
        const [operators, lines] = await Promise.all([this.d.reports.rows('operators', q), this.d.reports.rows('lines', q)]);
        await this.deliver({ channel: 'email', address }, dailyReportMessage(day, tz, operators, lines), [what]);
    }
}
