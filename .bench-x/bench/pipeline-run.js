/**
 * The measured pipeline, as the daemon wires it (src/daemon/pbx-reader.ts): AmiConnection → CallIngest (CallTracker,
 * resync on connect) → CrashSafeWriter (the state of the calls of pending events, sent ahead of their jobs on its
 * connection; other changed calls every `saveEveryMs`) → CallEventQueue (addBulk into a real Redis).
 * Latency of an event = from AmiConnection delivering it (onEvent) to the addBulk holding its CallEvent resolving;
 * events that make no CallEvent are timed from delivery to the end of tracker.apply.
 * With `trace` (the default, as src/daemon/start-daemon.ts wires it) the per-call trace (TraceBuffer) records each
 * event and the writer drains it into its state writes.
 */
import { performance } from 'node:perf_hooks';
import { CallTracker } from '../src/calls/call-tracker.js';
import { CallIngest } from '../src/ingest/call-ingest.js';
import { CrashSafeWriter } from '../src/ingest/crash-safe-writer.js';
import { AmiConnection } from '../src/pbx/ami-connection.js';
import { listChannels } from '../src/pbx/ami-resync.js';
import { connectRedis } from '../src/net/redis-client.js';
import { CallTraceStore } from '../src/trace/call-trace-store.js';
import { TraceBuffer } from '../src/trace/trace-buffer.js';
import { LOAD_SECRET, LOAD_USER } from './load-server.js';
import { EMPTY_METER, RunMeter } from './run-meter.js';
export const TRACKER_OPTIONS = {
    defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^from-pstn$', '-incoming$'],
};
/**
 * Times each event through the tracker. The bench's onEvent listener stamps every delivered event into a FIFO;
 * CallIngest applies events in delivery order (events held during a resync included), so apply() takes the oldest stamp.
 */
class TimedTracker extends CallTracker {
    pending = new Map();
    trackerOnlyMs;
    trackerOnly = 0;
    peakOpenCalls = 0;
    stamps = new Float64Array(1 << 16);
    head = 0;
    tail = 0;
    constructor(options, expectedEvents) {
        super(options);
        this.trackerOnlyMs = new Float64Array(expectedEvents);
    }
    stamp(atMs) {
        this.stamps[this.tail] = atMs;
        this.tail = (this.tail + 1) & 0xffff;
    }
    apply(ev) {
        const out = super.apply(ev);
        if (this.head === this.tail)
            return out;
        const at = this.stamps[this.head] ?? 0;
        this.head = (this.head + 1) & 0xffff;
        for (const ce of out)
            this.pending.set(ce, at);
        if (out.length === 0 && this.trackerOnly < this.trackerOnlyMs.length)
            this.trackerOnlyMs[this.trackerOnly++] = performance.now() - at;
        if (this.openCallCount > this.peakOpenCalls)
            this.peakOpenCalls = this.openCallCount;
        return out;
    }
}
class StoredLatencies {
    pending;
    latencyMs = new Float64Array(1 << 16);
    count = 0;
    ended = 0;
    lastStoredMs = 0;
    constructor(pending) {
        this.pending = pending;
    }
    onStored(batch) {
        const now = performance.now();
        this.lastStoredMs = now;
        for (const ce of batch) {
            const at = this.pending.get(ce);
            if (at === undefined)
                continue;
            this.pending.delete(ce);
            if (this.count === this.latencyMs.length)
                this.grow();
            this.latencyMs[this.count++] = now - at;
            if (ce.stage === 'ended')
                this.ended += 1;
        }
    }
    grow() {
        const bigger = new Float64Array(this.latencyMs.length * 2);
        bigger.set(this.latencyMs);
        this.latencyMs = bigger;
    }
}
function connectAmi(port, log) {
    return AmiConnection.standby({
        host: '127.0.0.1', port, username: LOAD_USER, secret: LOAD_SECRET,
        actionTimeoutMs: 10_000, pingIntervalMs: 20_000, reconnectMinMs: 60_000, reconnectMaxMs: 60_000,
    }, log);
}
/** Reads `events` events (FullyBooted excluded) from the load server on `port` through the whole pipeline. */
export async function runPipeline(port, redisUrl, events, log, saveEveryMs = 250, trace = true, traceAmi = true) {
    const prefix = `bench${Date.now()}`;
    const tracker = new TimedTracker(TRACKER_OPTIONS, events);
    const stored = new StoredLatencies(tracker.pending);
    const traceRedis = trace ? connectRedis(redisUrl, { lazyConnect: true }) : null; // only for the store's reads; writes go in the writer's MULTI
    const traces = traceRedis ? new TraceBuffer(new CallTraceStore(traceRedis, prefix), { amiEvents: traceAmi }) : null;
    const writer = new CrashSafeWriter({
        redis: redisUrl, prefix, holder: 'bench', attempts: 8, bufferMax: 100_000, log, saveEveryMs, onStored: (batch) => stored.onStored(batch),
        ...(traces ? { trace: traces } : {}),
    });
    const ami = connectAmi(port, log);
    let count = 0;
    let firstMs = 0;
    let meter = null;
    let finish = () => undefined;
    const received = new Promise((resolve) => { finish = resolve; });
    ami.onEvent((ev) => {
        if (count >= events)
            return;
        const now = performance.now();
        tracker.stamp(now);
        if (ev.name === 'FullyBooted')
            return;
        if (count === 0) {
            firstMs = now;
            meter = new RunMeter();
        }
        count += 1;
        if (count === events) {
            finish();
            void ami.close();
        }
    });
    // exactly as PbxReader wires it: subscribe, then connect (the resync on login sees every event)
    writer.begin(tracker);
    const running = new CallIngest({ ami, tracker, listChannels, push: (ce) => { writer.push(ce); }, log, ...(traces ? { trace: traces } : {}) }, { resyncEveryMs: 300_000, staleAfterMs: 4 * 3600_000 });
    running.start();
    ami.connect();
    await received;
    running.stop();
    await writer.end({ save: true });
    if (!(await writer.drained(30_000)))
        throw new Error('call events not in Redis 30 s after the stream ended');
    const measured = meter?.stop() ?? EMPTY_METER;
    const dropped = writer.bufferCounters().dropped;
    await writer.close();
    traceRedis?.disconnect();
    return {
        ...measured, events: count, callEvents: stored.count, callsEnded: stored.ended, endToEndMs: stored.lastStoredMs - firstMs,
        jobLatencyMs: stored.latencyMs.subarray(0, stored.count), trackerOnlyMs: tracker.trackerOnlyMs.subarray(0, tracker.trackerOnly),
        peakOpenCalls: tracker.peakOpenCalls, droppedFromBuffer: dropped,
    };
}
