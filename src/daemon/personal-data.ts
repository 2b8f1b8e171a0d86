import type { E164 } from '../calls/phone-number.js';
import type { LocalCrmStore } from '../crm/local/local-crm-store.js';
import type { ErasedCounts } from '../http/routes/personal-data.js';
import { HttpError } from '../http/http-error.js';
import type { CallJournal } from '../journal/call-journal.js';
import type { Logger } from '../log.js';
import type { CallTraceStore } from '../trace/call-trace-store.js';
import type { SyncStateStore } from '../sync/sync-state-store.js';

export interface PersonalDataDeps {
  readonly journal: Pick<CallJournal, 'idsOfPhone' | 'idsBefore' | 'remove'>;
  readonly traces: Pick<CallTraceStore, 'remove'>;
  /** The kept `ended` events a resend or the sweep would apply again (they hold the number). */
  readonly sync: Pick<SyncStateStore, 'forgetEnded' | 'endedBefore'>;
  /** The local CRM's store when CRM_ADAPTER=local (other CRMs keep their own data). */
  readonly local: Pick<LocalCrmStore, 'erasePhone'> | null;
  readonly routeCache: { erase(phone: E164): Promise<number> };
  readonly normalize: (raw: string) => E164 | null;
}

/**
 * Erases a number: its calls from the journal (report counters stay), their traces and kept `ended` events (a resend of
 * one then finds nothing), local contacts, the route cache.
 */
export async function erasePersonalData(deps: PersonalDataDeps, raw: string): Promise<ErasedCounts> {
  const phone = deps.normalize(raw);
  if (!phone) throw new HttpError(400, 'invalid_request', 'phone is not a valid phone number');
  const ids = await deps.journal.idsOfPhone(phone);
  const calls = await deps.journal.remove(ids);
  const traces = await deps.traces.remove(ids);
  await deps.sync.forgetEnded(ids);
  const contacts = deps.local ? await deps.local.erasePhone(phone) : 0;
  const routeCache = await deps.routeCache.erase(phone);
  return { calls, traces, contacts, routeCache };
}

const PRUNE_BATCH = 500;

type RetentionDeps = Pick<PersonalDataDeps, 'journal' | 'traces' | 'sync'>;

/**
 * Removes calls that started before `beforeMs`, with their traces and kept `ended` events (also those of calls that
 * ended before it and never reached the journal); the report counters keep their figures.
 */
export async function pruneJournal(deps: RetentionDeps, beforeMs: number): Promise<{ calls: number; traces: number }> {
  let calls = 0;
  let traces = 0;
  for (;;) {
    const ids = await deps.journal.idsBefore(beforeMs, PRUNE_BATCH);
    if (ids.length > 0) {
      calls += await deps.journal.remove(ids);
      traces += await deps.traces.remove(ids);
      await deps.sync.forgetEnded(ids);
    }
    if (ids.length < PRUNE_BATCH) break;
  }
  for (;;) {
    const ended = await deps.sync.endedBefore(beforeMs, PRUNE_BATCH);
    await deps.sync.forgetEnded(ended);
    if (ended.length < PRUNE_BATCH) return { calls, traces };
  }
}

const PRUNE_EVERY_MS = 3_600_000;

/** JOURNAL_RETENTION_DAYS: prunes at start and hourly (on every instance: removal is idempotent). Returns the stop. */
export function startRetention(deps: RetentionDeps, retentionDays: number, log: Logger, now: () => number = Date.now): () => void {
  if (retentionDays <= 0) return () => undefined;
  const run = () => {
    void pruneJournal(deps, now() - retentionDays * 86_400_000)
      .then((r) => { if (r.calls > 0) log.info({ calls: r.calls, traces: r.traces, retentionDays }, 'old calls removed from the journal'); })
      .catch((err: unknown) => log.warn({ err }, 'journal retention run failed; retried in an hour'));
  };
  run();
  const timer = setInterval(run, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
