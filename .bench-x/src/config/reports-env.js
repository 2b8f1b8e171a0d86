import { z } from 'zod';
import { envSection, flag } from './env-section.js';
/** Whether the runtime knows this IANA zone (Intl throws RangeError for an unknown one). */
function knownZone(tz) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/** An edge of the answer-wait histogram (5 s buckets to 60 s, 15 s to 180 s, 60 s to 600 s), so the share is exact. */
function isWaitEdge(sec) {
    return (sec <= 60 && sec % 5 === 0) || (sec <= 180 && sec % 15 === 0) || sec % 60 === 0;
}
const whole = (error) => z.coerce.number({ error }).int();
/** Reports, call-back detection, traces and retention. */
const ReportsEnvShape = {
    REPORT_ANSWERED_WITHIN_SEC: whole('must be a whole number of seconds').min(5).max(600)
        .refine(isWaitEdge, 'must be a multiple of 5 up to 60, of 15 up to 180, or of 60 up to 600 (an edge of the wait histogram)').default(20),
    REPORT_TIME_ZONE: z.string().refine(knownZone, 'must be an IANA time zone such as Europe/Moscow or UTC').default('UTC'),
    CALLBACK_WINDOW_HOURS: whole('must be a whole number of hours').min(1).max(24 * 30).default(24),
    JOURNAL_RETENTION_DAYS: whole('must be a whole number of days (0: keep calls for ever)').min(0).default(0),
    CALL_TRACE_TTL_HOURS: whole('must be a whole number of hours').min(1).max(24 * 90).default(72),
    CALL_TRACE_AMI: flag(true),
};
/** Reports, call-back detection, per-call traces and journal retention (Config.reports). */
export const reportsSection = envSection({
    shape: ReportsEnvShape,
    build: (env) => ({
        answeredWithinSec: env.REPORT_ANSWERED_WITHIN_SEC, timeZone: env.REPORT_TIME_ZONE, callbackWindowHours: env.CALLBACK_WINDOW_HOURS,
        retentionDays: env.JOURNAL_RETENTION_DAYS, traceTtlHours: env.CALL_TRACE_TTL_HOURS, traceAmiEvents: env.CALL_TRACE_AMI,
    }),
});
