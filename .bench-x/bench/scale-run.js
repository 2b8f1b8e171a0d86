/**
 * Child process of bench/scale.ts: one daemon instance, as `npm start` runs it (startDeployment on DEPLOYMENT_FILE
 * from its environment, sync workers and the local CRM in this process). Measures in its own process, between the
 * parent's `go` and the last call event of its PBXs stored: wall and CPU time, peak RSS, event-loop delay, and
 * frame → job per call event: from the tracker emitting it (in the same task that delivered its frame, after the
 * frame reader and the tracker) to the reply of the write that put its job in Redis (DaemonOptions.onStored).
 * IPC (bench/scale-instance.ts): sends `started`; `go` starts the meter; `finish` (frames each PBX sent) waits for
 * them and their jobs, then sends `result`; `stop` stops the daemon and exits.
 */
import pino from 'pino';
import { performance } from 'node:perf_hooks';
import { loadDeployment } from '../src/config/load-deployment.js';
import { startDeployment } from '../src/daemon/start-deployment.js';
import { createLogger } from '../src/log.js';
import { pollUntil } from '../harness/poll.js';
import { LOAD_SECRET } from './load-server.js';
import { RunMeter } from './run-meter.js';
import { isInstanceCommand } from './scale-instance.js';
/** How long `finish` waits for frames still on their way and jobs still being written. */
const FINISH_WAIT_MS = 60_000;
class Latencies {
    values = new Float64Array(1 << 16);
    /** When each event was emitted, ms after `go`. */
    emittedAt = new Float64Array(1 << 16);
    count = 0;
    measuring = false;
    goMs = 0;
    emitted = new Map();
    emit(ev) { if (this.measuring)
        this.emitted.set(ev, performance.now()); }
    stored(batch) {
        const now = performance.now();
        for (const ev of batch) {
            const at = this.emitted.get(ev);
            if (at === undefined)
                continue;
            this.emitted.delete(ev);
            if (this.count === this.values.length) {
                this.values = grown(this.values);
                this.emittedAt = grown(this.emittedAt);
            }
            this.emittedAt[this.count] = at - this.goMs;
            this.values[this.count++] = now - at;
        }
    }
}
function grown(values) {
    const bigger = new Float64Array(values.length * 2);
    bigger.set(values);
    return bigger;
}
function send(msg) {
    return new Promise((resolve) => { if (process.send)
        process.send(msg, () => resolve());
    else
        resolve(); });
}
function allPbxs(daemon) {
    return [...daemon.tenants().values()].flatMap((t) => [...t.pbxs().values()]);
}
async function main() {
    const log = createLogger(process.env['LOG_LEVEL'] ?? 'warn', [LOAD_SECRET], pino.destination({ dest: 2, sync: false }));
    const latencies = new Latencies();
    const daemon = await startDeployment(loadDeployment(process.env), log, {
        instanceId: process.env['INSTANCE_ID'] ?? `scale-${process.pid}`, workers: process.env['BENCH_SCALE_WORKERS'] !== 'no',
        onCallEvent: (ev) => latencies.emit(ev), onStored: (batch) => latencies.stored(batch),
    });
    let meter = null;
    let held = [];
    let baseline = new Map();
    let idleRssBytes = 0;
    const received = (p) => p.ami.stats().eventsReceived - (baseline.get(p) ?? 0);
    const finish = async (framesPerPbx) => {
        const arrived = await pollUntil(() => held.every((p) => received(p) >= framesPerPbx), { timeoutMs: FINISH_WAIT_MS, intervalMs: 5 });
        const drained = await Promise.all(held.map((p) => p.writer.drained(FINISH_WAIT_MS)));
        const measured = meter?.stop();
        if (!measured)
            throw new Error('finish before go');
        latencies.measuring = false;
        const ready = await daemon.readiness();
        return {
            instanceId: daemon.instanceId, pbxsHeld: held.length, pbxsKnown: allPbxs(daemon).length,
            events: held.reduce((n, p) => n + received(p), 0), allArrived: arrived, allStored: drained.every(Boolean),
            callEvents: latencies.count, latencyMs: latencies.values.slice(0, latencies.count),
            emittedAtMs: latencies.emittedAt.slice(0, latencies.count), meter: measured, idleRssBytes,
            heapUsedBytes: process.memoryUsage().heapUsed, queueDepth: ready.queueDepth,
            droppedFromBuffer: held.reduce((n, p) => n + p.writer.bufferCounters().dropped, 0),
        };
    };
    process.on('message', (msg) => {
        if (!isInstanceCommand(msg))
            return;
        if (msg.type === 'go') {
            held = allPbxs(daemon).filter((p) => p.reader.isActive);
            baseline = new Map(held.map((p) => [p, p.ami.stats().eventsReceived]));
            idleRssBytes = process.memoryUsage.rss();
            latencies.measuring = true;
            latencies.goMs = performance.now();
            meter = new RunMeter();
            return;
        }
        if (msg.type === 'finish') {
            void finish(msg.framesPerPbx).then((result) => send({ type: 'result', result }), (err) => {
                console.error(err);
                process.exit(1);
            });
            return;
        }
        void daemon.stop().then(() => process.exit(0));
    });
    process.on('disconnect', () => { void daemon.stop().then(() => process.exit(0)); });
    await send({ type: 'started', instanceId: daemon.instanceId });
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
