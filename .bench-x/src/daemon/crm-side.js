import { timedCrmAdapter } from '../crm/timed-crm-adapter.js';
import { CallJournal } from '../journal/call-journal.js';
import { scrubSecrets } from '../log.js';
import { CallTraceStore } from '../trace/call-trace-store.js';
import { startSyncWorkers } from '../queue/sync-worker.js';
import { CallSync } from '../sync/call-sync.js';
import { SyncStateStore } from '../sync/sync-state-store.js';
import { LineCalendar } from '../calls/line-calendar.js';
import { lineRoutesOf } from './line-routes.js';
/** The PBX → CRM half: workers applying the business rules, the CRM adapter and the call journal. */
export function buildCrmSide(config, redis, log, hooks, runWorkers, timings = {}) {
    const { prefix } = config.redis;
    const traces = new CallTraceStore(redis, prefix, { ttlSec: config.reports.traceTtlHours * 3600, maxEntries: 400 });
    const onCrmRequest = (sample) => {
        hooks.onCrmRequest(sample);
        if (!sample.callId)
            return;
        void traces.add(sample.callId, {
            kind: 'crm', atMs: Date.now(), adapter: sample.adapter, method: sample.method, result: sample.result, durationMs: Math.round(sample.durationMs * 10) / 10,
            ...(sample.errorMessage === undefined ? {} : { error: scrubSecrets(sample.errorMessage, config.secrets).slice(0, 500) }),
        }).catch(() => undefined); // a trace is best effort
    };
    const crm = timedCrmAdapter(config.crm.create({ redis, prefix, users: config.users, log, clientData: clientDataWanted(config), recordings: config.recordings }), onCrmRequest);
    const lines = new LineCalendar(lineRoutesOf(config), config.numbers.defaultCountry);
    const journal = new CallJournal(redis, prefix, {
        callbackWindowMs: config.reports.callbackWindowHours * 3_600_000, trace: traces, hours: lines.isEmpty ? null : lines,
        minRingSec: config.notify.minRingSec,
    });
    const syncStore = new SyncStateStore(redis, prefix);
    const sync = new CallSync(crm, config.sync, syncStore, journal, log, {
        responsibleChanged: hooks.responsibleChanged, ...(hooks.missedCall ? { missedCall: hooks.missedCall } : {}),
    });
    const workers = runWorkers
        ? startSyncWorkers({ redis: config.redis.connection, prefix, sync, concurrency: workerConcurrency(config, crm), log, onResult: hooks.onResult, ...timings })
        : null;
    return { crm, journal, traces, syncStore, workers, sync, lines };
}
/** WORKER_CONCURRENCY, or more when the CRM batches waiting stages itself (CrmAdapter.stagesInFlight). */
export function workerConcurrency(config, crm) {
    return Math.max(config.queue.concurrency, crm.stagesInFlight ?? 0);
}
/** What the rules file's client rules read of a client: the adapter fetches only that. */
export function clientDataWanted(config) {
    const rules = config.routing.clientRules;
    return { fields: rules.flatMap((r) => (r.field === undefined ? [] : [r.field])), tags: rules.some((r) => r.tag !== undefined) };
}
