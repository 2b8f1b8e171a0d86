import type { Redis } from 'ioredis';
import { CallTracker, type TrackerOptions } from '../calls/call-tracker.js';
import type { CallEvent } from '../calls/call.js';
import { CallIngest, type IngestTimings } from '../ingest/call-ingest.js';
import { TrackerStore } from '../ingest/tracker-store.js';
import { RedisLease } from '../lease/redis-lease.js';
import type { Logger } from '../log.js';
import type { AmiClient } from '../pbx/ami-client.js';
import { listChannels } from '../pbx/ami-resync.js';

export interface PbxReaderDeps {
  readonly ami: AmiClient;
  readonly redis: Redis;
  readonly prefix: string;
  readonly instanceId: string;
  readonly leaseKey: string;
  readonly leaseTtlMs: number;
  readonly trackerOptions: TrackerOptions;
  readonly timings: IngestTimings;
  readonly enqueue: (ev: CallEvent) => void;
  readonly onCallEvent?: (ev: CallEvent) => void;
  readonly log: Logger;
}

/**
 * Reads one PBX's events into the queue, on exactly one instance at a time: the holder of a lease in Redis.
 * Every instance keeps its own AMI connection (for originate and extension states); only the holder runs the tracker.
 * On taking the lease it loads the state the previous holder saved and resyncs with the PBX.
 */
export class PbxReader {
  private tracker: CallTracker | null = null;
  private ingest: CallIngest | null = null;
  private readonly store: TrackerStore;
  private readonly lease: RedisLease;

  constructor(private readonly deps: PbxReaderDeps) {
    this.store = new TrackerStore(deps.redis, deps.prefix, deps.instanceId);
    this.lease = new RedisLease(deps.redis, { key: deps.leaseKey, holderId: deps.instanceId, ttlMs: deps.leaseTtlMs }, deps.log);
  }

  get isActive(): boolean { return this.ingest !== null; }
  get openCalls(): number { return this.tracker?.openCallCount ?? 0; }

  start(): void {
    this.lease.start({ acquired: () => { void this.activate(); }, lost: () => { void this.deactivate(false); } });
  }

  private async activate(): Promise<void> {
    this.tracker = await this.loadTracker();
    const ingest = new CallIngest({
      ami: this.deps.ami, tracker: this.tracker, listChannels, enqueue: this.deps.enqueue, store: this.store,
      log: this.deps.log, ...(this.deps.onCallEvent ? { onCallEvent: this.deps.onCallEvent } : {}),
    }, this.deps.timings);
    this.ingest = ingest;
    ingest.start();
    this.deps.log.info({ openCalls: this.tracker.openCallCount }, 'reading the PBX');
    if (this.deps.ami.state === 'connected') await ingest.resync(false);
  }

  /** Keeps the in-memory tracker when the saved state is our own (e.g. Redis restarted empty); else loads the saved one. */
  private async loadTracker(): Promise<CallTracker> {
    const options = this.deps.trackerOptions;
    try {
      const stored = await this.store.load();
      if (stored && (stored.holder !== this.deps.instanceId || !this.tracker)) return CallTracker.fromJSON(stored.state, options);
    } catch (err) {
      this.deps.log.error({ err }, 'saved tracker state unreadable; starting with the calls the PBX reports');
    }
    return this.tracker ?? new CallTracker(options);
  }

  private async deactivate(save: boolean): Promise<void> {
    const ingest = this.ingest;
    this.ingest = null;
    if (ingest) await ingest.stop({ save });
    if (!save) this.tracker = null;
  }

  async stop(): Promise<void> {
    await this.deactivate(true);
    await this.lease.stop();
  }
}
