import type { Redis } from 'ioredis';
import { CallTracker, type TrackerOptions } from '../calls/call-tracker.js';
import type { CallEvent } from '../calls/call.js';
import { CallIngest, type IngestTimings } from '../ingest/call-ingest.js';
import { SnapshotFirstForwarder } from '../ingest/snapshot-first-forwarder.js';
import { TrackerStore } from '../ingest/tracker-store.js';
import { RedisLease } from '../lease/redis-lease.js';
import type { Logger } from '../log.js';
import type { AmiClient } from '../pbx/ami-client.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import { readCoreStatus } from '../pbx/ami-core-status.js';
import { listChannels } from '../pbx/ami-resync.js';
import type { CallEventQueue } from '../queue/call-event-queue.js';

/** Bound of the events kept from before the first lease decision (normally a few ms of traffic). */
const EARLY_EVENTS_MAX = 50_000;

export interface PbxReaderDeps {
  readonly ami: AmiClient;
  readonly redis: Redis;
  readonly prefix: string;
  readonly instanceId: string;
  readonly leaseKey: string;
  readonly leaseTtlMs: number;
  readonly trackerOptions: TrackerOptions;
  readonly timings: IngestTimings;
  /**
   * Where call events go. Tracker snapshots are written on its connection, ahead of the jobs they cover; its
   * stored batches leave the outbox.
   */
  readonly queue: Pick<CallEventQueue, 'enqueue' | 'onStored' | 'connection'>;
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
  private forwarder: SnapshotFirstForwarder | null = null;
  private stopStored: () => void = () => undefined;
  private readonly store: TrackerStore;
  private readonly lease: RedisLease;
  private stopping = false;
  private activating = false;
  /** Events from before the first lease decision (AMI may log in and stream before the lease is taken). */
  private early: AmiEvent[] | null = [];
  private readonly stopEarly: () => void;

  constructor(private readonly deps: PbxReaderDeps) {
    this.store = new TrackerStore(deps.queue.connection, deps.prefix, deps.instanceId);
    this.lease = new RedisLease(deps.redis, { key: deps.leaseKey, holderId: deps.instanceId, ttlMs: deps.leaseTtlMs }, deps.log);
    this.stopEarly = deps.ami.onEvent((ev) => {
      if (this.early && this.early.length < EARLY_EVENTS_MAX) this.early.push(ev);
    });
  }

  get isActive(): boolean { return this.ingest !== null; }
  get openCalls(): number { return this.tracker?.openCallCount ?? 0; }

  start(): void {
    const firstCheck = this.lease.start({ acquired: () => { void this.activate(); }, lost: () => { void this.deactivate(false); } });
    void firstCheck.then(() => { if (!this.activating) this.takeEarly(); }); // standby: another instance reads
  }

  /** Hands over (once) the events buffered before the first lease decision, and stops buffering. */
  private takeEarly(): AmiEvent[] {
    const early = this.early ?? [];
    if (this.early) {
      this.early = null;
      this.stopEarly();
      if (early.length >= EARLY_EVENTS_MAX) this.deps.log.warn({ events: early.length }, 'early AMI events over the limit were dropped; the resync covers them');
    }
    return early;
  }

  private async activate(): Promise<void> {
    this.activating = true;
    const tracker = await this.loadTracker();
    this.activating = false;
    if (this.stopping) return; // stop() came while the saved state was loading
    this.tracker = tracker;
    // events reach the queue only once a snapshot containing them is saved (see SnapshotFirstForwarder)
    const forwarder = new SnapshotFirstForwarder((ev) => { this.deps.queue.enqueue(ev); }, (batch) => this.ingest?.saveFor(batch) ?? Promise.resolve(), this.deps.log);
    this.forwarder = forwarder;
    this.stopStored = this.deps.queue.onStored(forwarder.stored);
    this.store.setTrackerSource(tracker, forwarder.outboxView);
    const ingest = new CallIngest({
      ami: this.deps.ami, tracker: this.tracker, listChannels, pbxStartup: async (ami) => (await readCoreStatus(ami))?.startup ?? null,
      enqueue: forwarder.push, store: this.store,
      log: this.deps.log, ...(this.deps.onCallEvent ? { onCallEvent: this.deps.onCallEvent } : {}),
    }, this.deps.timings);
    this.ingest = ingest;
    ingest.start(this.takeEarly());
    this.deps.log.info({ openCalls: this.tracker.openCallCount }, 'reading the PBX');
    if (this.deps.ami.state === 'connected') await ingest.resync(false);
  }

  /** Keeps the in-memory tracker when the saved state is our own (e.g. Redis restarted empty); else loads the saved one. */
  private async loadTracker(): Promise<CallTracker> {
    const options = this.deps.trackerOptions;
    try {
      const stored = await this.store.load();
      if (stored && (stored.holder !== this.deps.instanceId || !this.tracker)) {
        const tracker = CallTracker.fromJSON(stored.state, options);
        for (const ev of stored.outbox ?? []) this.deps.queue.enqueue(ev); // may never have reached the queue; existing jobs ignore it
        return tracker;
      }
    } catch (err) {
      this.deps.log.error({ err }, 'saved tracker state unreadable; starting with the calls the PBX reports');
    }
    return this.tracker ?? new CallTracker(options);
  }

  private async deactivate(save: boolean): Promise<void> {
    const ingest = this.ingest;
    const forwarder = this.forwarder;
    this.forwarder = null;
    this.stopStored();
    this.stopStored = () => undefined;
    this.ingest = null;
    if (ingest) await ingest.stop({ save }); // with save: the snapshot now covers every pending event
    if (forwarder && save) forwarder.drain();
    if (forwarder && !save) {
      const dropped = forwarder.discard();
      if (dropped > 0) this.deps.log.warn({ dropped }, 'lease lost: call events not yet queued are left to the new reader');
    }
    if (!save) this.tracker = null;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.takeEarly();
    await this.deactivate(true);
    await this.lease.stop();
  }
}
