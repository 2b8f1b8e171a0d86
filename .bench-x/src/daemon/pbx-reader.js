import { CallTracker } from '../calls/call-tracker.js';
import { CallIngest } from '../ingest/call-ingest.js';
import { RedisLease } from '../lease/redis-lease.js';
import { readCoreStatus } from '../pbx/ami-core-status.js';
import { listChannels } from '../pbx/ami-resync.js';
/**
 * Reads one PBX's events into the queue, on exactly one instance at a time: the holder of a lease in Redis. Only the
 * holder connects to AMI: on taking the lease it loads the state the previous holder saved, subscribes, connects
 * (the resync on login corrects the state); on losing it, it stops and disconnects. Lease changes run one at a time.
 */
export class PbxReader {
    deps;
    tracker = null;
    ingest = null;
    lease;
    stopping = false;
    transitions = Promise.resolve();
    constructor(deps) {
        this.deps = deps;
        this.lease = deps.lease ?? new RedisLease(deps.redis, { key: deps.leaseKey, holderId: deps.instanceId, ttlMs: deps.leaseTtlMs }, deps.log);
    }
    get isActive() { return this.ingest !== null; }
    get openCalls() { return this.tracker?.openCallCount ?? 0; }
    start() {
        void this.lease.start({
            acquired: () => { void this.then(() => this.activate()); },
            lost: () => { void this.then(() => this.deactivate(false)); },
            // given up to rebalance: stop and save while still the holder; the next holder loads that state
            release: () => this.then(() => this.deactivate(true, true)),
        });
    }
    /** Queues a lease change after the ones in flight; resolves when it is done (a failure is logged, not thrown). */
    then(step) {
        this.transitions = this.transitions.then(step).catch((err) => this.deps.log.error({ err }, 'lease change failed'));
        return this.transitions;
    }
    async activate() {
        const { tracker, outbox } = await this.loadTracker();
        if (this.stopping)
            return; // stop() came while the saved state was loading
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
    async loadTracker() {
        const options = this.deps.trackerOptions;
        try {
            const stored = await this.deps.writer.load();
            if (stored && (stored.holder !== this.deps.instanceId || !this.tracker)) {
                return { tracker: CallTracker.fromJSON(stored.state, options), outbox: stored.outbox };
            }
        }
        catch (err) {
            this.deps.log.error({ err }, 'saved tracker state unreadable; starting with the calls the PBX reports');
        }
        return { tracker: this.tracker ?? new CallTracker(options), outbox: [] };
    }
    /**
     * `save: false` when the lease went to another instance: its state must not be overwritten. `forget`: the saved
     * state is the next holder's to continue (lost, or given up), so a later activate() loads it instead of keeping ours.
     */
    async deactivate(save, forget = !save) {
        const ingest = this.ingest;
        if (!ingest)
            return;
        this.ingest = null;
        ingest.stop();
        try {
            await this.deps.writer.end({ save });
            if (forget)
                this.tracker = null;
        }
        finally {
            await this.deps.ami.disconnect(); // no AMI session stays open once the reader stopped, whatever the save did
        }
    }
    async stop() {
        this.stopping = true;
        await this.transitions;
        await this.deactivate(true);
        await this.lease.stop();
    }
}
