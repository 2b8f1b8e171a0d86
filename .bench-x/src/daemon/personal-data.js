import { HttpError } from '../http/http-error.js';
/**
 * Erases a number: its calls from the journal (report counters stay), their traces and kept `ended` events (a resend of
 * one then finds nothing), local contacts, the route cache.
 */
export async function erasePersonalData(deps, raw) {
    const phone = deps.normalize(raw);
    if (!phone)
        throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
    const ids = await deps.journal.idsOfPhone(phone);
    const calls = await deps.journal.remove(ids);
    const traces = await deps.traces.remove(ids);
    await deps.sync.forgetEnded(ids);
    const contacts = deps.local ? await deps.local.erasePhone(phone) : 0;
    const routeCache = await deps.routeCache.erase(phone);
    return { calls, traces, contacts, routeCache };
}
const PRUNE_BATCH = 500;
/**
 * Removes calls that started before `beforeMs`, with their traces and kept `ended` events (also those of calls that
 * ended before it and never reached the journal); the report counters keep their figures.
 */
export async function pruneJournal(deps, beforeMs) {
    let calls = 0;
    let traces = 0;
    for (;;) {
        const ids = await deps.journal.idsBefore(beforeMs, PRUNE_BATCH);
        if (ids.length > 0) {
            calls += await deps.journal.remove(ids);
            traces += await deps.traces.remove(ids);
            await deps.sync.forgetEnded(ids);
        }
        if (ids.length < PRUNE_BATCH)
            break;
    }
    for (;;) {
        const ended = await deps.sync.endedBefore(beforeMs, PRUNE_BATCH);
        await deps.sync.forgetEnded(ended);
        if (ended.length < PRUNE_BATCH)
            return { calls, traces };
    }
}
const PRUNE_EVERY_MS = 3_600_000;
/** JOURNAL_RETENTION_DAYS: prunes at start and hourly (on every instance: removal is idempotent). Returns the stop. */
export function startRetention(deps, retentionDays, log, now = Date.now) {
    if (retentionDays <= 0)
        return () => undefined;
    const run = () => {
        void pruneJournal(deps, now() - retentionDays * 86_400_000)
            .then((r) => { if (r.calls > 0)
            log.info({ calls: r.calls, traces: r.traces, retentionDays }, 'old calls removed from the journal'); })
            .catch((err) => log.warn({ err }, 'journal retention run failed; retried in an hour'));
    };
    run();
    const timer = setInterval(run, PRUNE_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
}
