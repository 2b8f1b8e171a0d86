import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { CallJournal } from '../../../src/journal/call-journal.js';
import { silentLogger } from '../../../src/log.js';
import { CrashSafeWriter } from '../../../src/ingest/crash-safe-writer.js';
import { jobIdFor } from '../../../src/queue/job-id.js';
import { startSyncWorkers } from '../../../src/queue/sync-worker.js';
import { CallSync } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
export const RULES = {
    create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name', blacklist: [],
    missedResponsible: null, missedOwner: 'first', lineOwners: {}, callbackTask: true, callbackDeadlineMin: 60, recordingsBaseUrl: null,
};
/** writer → queue → worker → CallSync → local CRM → journal, on one Redis, stopped when the test finishes. */
export function startSyncPipeline(o) {
    const log = o.log ?? silentLogger();
    const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    const crm = new LocalCrmAdapter({ redis, prefix: o.prefix, users: {}, log });
    const journal = new CallJournal(redis, o.prefix);
    const sync = new CallSync(crm, RULES, new SyncStateStore(redis, o.prefix), journal, log);
    const applied = new Map();
    const order = [];
    const applier = {
        apply: async (ev) => {
            await sync.apply(ev);
            const id = jobIdFor(ev.call.id, ev.seq);
            applied.set(id, (applied.get(id) ?? 0) + 1);
            order.push(id);
        },
    };
    const writer = new CrashSafeWriter({ redis: o.redisUrl, prefix: o.prefix, holder: 'test', attempts: o.attempts ?? 5, bufferMax: o.bufferMax ?? 10_000, log });
    const workers = startSyncWorkers({
        redis: o.redisUrl, prefix: o.prefix, sync: applier, concurrency: 8, log, deferMs: 50, missingPredecessorGraceMs: o.graceMs ?? 10_000,
    });
    onTestFinished(async () => {
        await workers.close();
        await writer.close(1000);
        redis.disconnect();
    });
    return { writer, workers, crm, journal, applied, order };
}
