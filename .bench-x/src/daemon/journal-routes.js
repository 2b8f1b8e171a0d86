import { normalizePhoneNumber } from '../calls/phone-number.js';
import { LocalCrmStore } from '../crm/local/local-crm-store.js';
import { callTraceRoutes } from '../http/routes/call-trace.js';
import { missedCallRoutes } from '../http/routes/missed-calls.js';
import { isMissedRecord } from '../journal/call-figures.js';
import { personalDataRoutes } from '../http/routes/personal-data.js';
import { reportRoutes } from '../http/routes/reports.js';
import { CallReports, REPORT_COLUMNS, REPORT_MAX_DAYS } from '../journal/call-reports.js';
import { isTimeZone, parseReportTime } from '../journal/report-period.js';
import { toCsv } from '../journal/report-rows.js';
import { erasePersonalData, startRetention } from './personal-data.js';
import { CallResender } from './call-resend.js';
import { CallEventQueue } from '../queue/call-event-queue.js';
import { callResendRoutes } from '../http/routes/call-resend.js';
/**
 * Reports, call traces, personal-data erasure, journal retention and resends to the CRM (with the automatic sweep), built from the CRM side's journal and traces.
 * Operator names: none is configured anywhere yet (the rules file's `users` maps extensions to CRM user ids), so null.
 */
export function buildJournalRoutes(config, redis, side, routeCache, log) {
    const reports = new CallReports(redis, side.journal.counters, config.reports.answeredWithinSec);
    // Counters written before the pre-summed blocks existed go into them now, not at the first report (which waits too).
    reports.prepare().catch((err) => log.warn({ err }, 'report counters: upgrade to blocks failed; the first report retries it'));
    const deps = {
        journal: side.journal, traces: side.traces, sync: side.syncStore, routeCache,
        local: config.crm.adapter === 'local' ? new LocalCrmStore(redis, config.redis.prefix) : null,
        normalize: (raw) => normalizePhoneNumber(raw, config.numbers.defaultCountry),
    };
    const source = {
        rows: (kind, q) => reports.rows(kind, q), columns: (kind) => REPORT_COLUMNS[kind], toCsv, parseTime: parseReportTime, isTimeZone,
        defaultTz: config.reports.timeZone, maxDays: REPORT_MAX_DAYS,
    };
    const resendQueue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, keepFailed: config.queue.keepFailed, log });
    const resender = new CallResender(side.syncStore, resendQueue, log.child({ component: 'resend' }));
    const routes = [
        callResendRoutes({ one: (id) => resender.one(id), range: (fromMs, toMs) => resender.range(fromMs, toMs) }),
        reportRoutes(source),
        callTraceRoutes({ read: (id) => side.traces.read(id) }),
        personalDataRoutes({ erase: (phone) => erasePersonalData(deps, phone) }),
        missedCallRoutes({
            list: ({ owner, open, limit, cursor }) => side.journal.list({
                limit, cursor, missed: { ...(owner ? { owner } : {}), ...(open === undefined ? {} : { open }) },
            }),
            get: async (id) => { const r = await side.journal.get(id); return r && isMissedRecord(r) && r.answeredAtMs === null ? r : null; },
            done: (id, by) => side.sync.closeByHand(id, by, Date.now()),
        }),
    ];
    const stopRetention = startRetention(deps, config.reports.retentionDays, log.child({ component: 'journal' }));
    const stopResends = resender.start();
    return { routes, reports: source, stop: () => { stopRetention(); stopResends(); void resendQueue.close(); } };
}
