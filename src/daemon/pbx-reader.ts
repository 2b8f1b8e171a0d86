import type { RedisClient } from '../net/redis-client.js';
import { CallTracker, type TrackerOptions } from '../calls/call-tracker.js';
import type { CallEvent } from '../calls/call.js';
import { CallIngest, type IngestTimings } from '../ingest/call-ingest.js';
import type { CrashSafeWriter } from '../ingest/crash-safe-writer.js';
import { RedisLease, type ReaderLease } from '../lease/redis-lease.js';
import type { Logger } from '../log.js';
import type { AmiClient } from '../pbx/ami-client.js';
import { readCoreStatus } from '../pbx/ami-core-status.js';
import { listChannels } from '../pbx/ami-resync.js';
import type { TraceBuffer } from '../trace/trace-buffer.js';

/** The AMI connection as the reader drives it: opened only while this instance holds the lease. */
export interface LeasedAmi extends AmiClient {
  connect(): void;
  disconnect(): Promise<void>;
}

export interface PbxReaderDeps {
  readonly ami: LeasedAmi;
  readonly redis: RedisClient;
  readonly instanceId: string;
  /** The key and TTL of the RedisLease built when `lease` is not given. */
  readonly leaseKey: string;
  readonly leaseTtlMs: number;
  /** This PBX's lease from a LeaseBalancer (lease/lease-balancer.ts); a RedisLease of its own without it. */
  readonly lease?: ReaderLease;
  readonly trackerOptions: TrackerOptions;
  readonly timings: IngestTimings;
  /** Saves the tracker state and queues its call events, in that order. */
  readonly writer: Pick<CrashSafeWriter, 'load' | 'begin' | 'push' | 'end'>;
  readonly onCallEvent?: (ev: CallEvent) => void;
  /** The per-call trace (AMI events, tracker decisions); the writer drains it. */
  readonly trace?: TraceBuffer;
  readonly log: Logger;
}

/**
 * Reads one PBX's events into the queue, on exactly one instance at a time: the holder of a lease in Redis. Only the
 * holder connects to AMI: on taking the lease it loads the state the previous holder saved, subscribes, connects
 * (the resync on login corrects the state); on losing it, it stops and disconnects. Lease changes run one at a time.
 */
export class PbxReader {
  private tracker: CallTracker | null = null;
  private ingest: CallIngest | null = null;
  private readonly lease: ReaderLease;
  private stopping = false;
  private transitions: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PbxReaderDeps) {
    this.lease = deps.lease ?? new RedisLease(deps.redis, { key: deps.leaseKey, holderId: deps.instanceId, ttlMs: deps.leaseTtlMs }, deps.log);
  }

  get isActive(): boolean { return this.ingest !== null; }
  get openCalls(): number { return this.tracker?.openCallCount ?? 0; }

  start(): void {
    void this.lease.start({
      acquired: () => { void this.then(() => this.activate()); },
      lost: () => { void this.then(() => this.deactivate(false)); },
      // given up to rebalance: stop and save while still the holder; the next holder loads that state
      release: () => this.then(() => this.deactivate(true, true)),
    });
  }

  /** Queues a lease change after the ones in flight; resolves when it is done (a failure is logged, not thrown). */
  private then(step: () => Promise<void>): Promise<void> {
    this.transitions = this.transitions.then(step).catch((err: unknown) => this.deps.log.error({ err }, 'lease change failed'));
    return this.transitions;
  }

  private async activate(): Promise<void> {
    const { tracker, outbox } = await this.loadTracker();
    if (this.stopping) return; // stop() came while the saved state was loading
    this.tracker = tracker;
    const { ami, writer, onCallEvent } = this.deps;
    writer.begin(tracker, outbox); // the outbox's jobs may not be in Redis; existing jobs ignore them
    this.ingest = new CallIngest({
      ami, tracker, listChannels, log: this.deps.log, pbxStartup: async (client) => (await readCoreStatus(client))?.startup ?? null,
      push: onCallEvent ? (ev) => { writer.push(ev); onCallEvent(ev); } : (ev) => { writer.push(ev); },
      ...(this.deps.trace ? { trace: this.deps.trace } : {}),
    }, this.deps.timings);
    this.ingest.start();
    ami.connect();
    this.deps.log.info({ openCalls: tracker.openCallCount }, 'reading the PBX');
  }

  /** Keeps the in-memory tracker when the saved state is our own (e.g. Redis restarted empty); else loads the saved one. */
  private async loadTracker(): Promise<{ tracker: CallTracker; outbox: readonly CallEvent[] }> {
    const options = this.deps.trackerOptions;
    try {
      const stored = await this.deps.writer.load();
      if (stored && (stored.holder !== this.deps.instanceId || !this.tracker)) {
        return { tracker: CallTracker.fromJSON(stored.state, options), outbox: stored.outbox };
      }
    } catch (err) {
      this.deps.log.error({ err }, 'saved tracker state unreadable; starting with the calls the PBX reports');
    }
    return { tracker: this.tracker ?? new CallTracker(options), outbox: [] };
  }

  /**
   * `save: false` when the lease went to another instance: its state must not be overwritten. `forget`: the saved
   * state is the next holder's to continue (lost, or given up), so a later activate() loads it instead of keeping ours.
   */
  private async deactivate(save: boolean, forget = !save): Promise<void> {
    const ingest = this.ingest;
    if (!ingest) return;
    this.ingest = null;
    ingest.stop();
    try {
      await this.deps.writer.end({ save });
      if (forget) this.tracker = null;
    } finally {
      await this.deps.ami.disconnect(); // no AMI session stays open once the reader stopped, whatever the save did
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.transitions;
    await this.deactivate(true);
    await this.lease.stop();
  }
}
