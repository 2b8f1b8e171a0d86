import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { CrmAdapter } from '../crm/adapter.js';
import { timedCrmAdapter, type CrmRequestSample } from '../crm/timed-crm-adapter.js';
import { CallJournal } from '../journal/call-journal.js';
import type { Logger } from '../log.js';
import type { StageResult } from '../queue/call-event-processor.js';
import { startSyncWorkers, type SyncWorkers } from '../queue/sync-worker.js';
import { CallSync } from '../sync/call-sync.js';
import { SyncStateStore } from '../sync/sync-state-store.js';
import type { E164 } from '../calls/phone-number.js';
import type { CallStage } from '../calls/call.js';

export interface CrmSide {
  readonly crm: CrmAdapter;
  readonly journal: CallJournal;
  readonly syncStore: SyncStateStore;
  readonly workers: SyncWorkers | null;
}

export interface CrmSideHooks {
  readonly responsibleChanged: (phone: E164) => Promise<void>;
  readonly onResult: (stage: CallStage, result: StageResult, sinceQueuedMs: number) => void;
  /** Every CRM adapter operation (sync, routing, click-to-call), timed. */
  readonly onCrmRequest: (sample: CrmRequestSample) => void;
}

/** Worker timings a test may shorten; production uses startSyncWorkers' defaults. */
export interface CrmSideTimings {
  readonly missingPredecessorGraceMs?: number;
  readonly closeTimeoutMs?: number;
}

/** The PBX → CRM half: workers applying the business rules, the CRM adapter and the call journal. */
export function buildCrmSide(config: Config, redis: Redis, log: Logger, hooks: CrmSideHooks, runWorkers: boolean, timings: CrmSideTimings = {}): CrmSide {
  const { url, prefix } = config.redis;
  const crm = timedCrmAdapter(config.crm.create({ redis, prefix, users: config.users, log }), hooks.onCrmRequest);
  const journal = new CallJournal(redis, prefix);
  const syncStore = new SyncStateStore(redis, prefix);
  const sync = new CallSync(crm, config.sync, syncStore, journal, log, { responsibleChanged: hooks.responsibleChanged });
  const workers = runWorkers
    ? startSyncWorkers({ redisUrl: url, prefix, sync, concurrency: config.queue.concurrency, log, onResult: hooks.onResult, ...timings })
    : null;
  return { crm, journal, syncStore, workers };
}
