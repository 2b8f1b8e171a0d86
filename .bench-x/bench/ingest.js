/**
 * bench/ingest: AMI events over TCP as fast as the pipeline takes them, parse → tracker → enqueue in Redis.
 * The AMI server runs in a child process (bench/ami-load-server.ts) streaming `--calls` concurrent copies of the
 * real transcripts, interleaved, for `--rounds` rounds (fresh ids each round); Redis is a private redis-server.
 * Each run is in its own process (bench/ingest-run.ts, so CPU and peak RSS are its own) with its own server:
 * the pipeline saturated (throughput, CPU) and a bare asterisk-manager client on the same saturated stream (the
 * reference), `--saturated-runs` times each, alternated (so the machine's load falls on both alike; the columns are the
 * median runs by events per CPU-second), then the pipeline paced at `--rate` events/s `--paced-runs` times (latency at
 * the target load; 0 skips it). `--trace off` runs without the per-call trace, `--trace calls` with it but without
 * its AMI events (CALL_TRACE_AMI=false); `on` is the daemon's default. Also
 * compiles and runs as plain node.
 * Run: npx tsx bench/ingest.ts [--calls 1000] [--rounds 2] [--rate 20000] [--saturated-runs 3] [--paced-runs 3] [--save-every-ms 1000] [--trace on|calls|off] [--fixtures dir]
 * The measured children run with the node flags of package.json's `start` (V8 heap limits, as the Docker image);
 * BENCH_CHILD_NODE_ARGS adds flags (e.g. '--cpu-prof' or '--trace-gc'), BENCH_ALLOC_PROFILE=file writes an allocation profile.
 * Targets (issue 2 point 10): ≥ 20,000 events/s end to end on one core, p99 < 20 ms, RSS < 150 MB; (issue 16 point 6) at
 * least as many events per CPU-second (user + system, process.cpuUsage of each measured process) as the reference.
 * Production runs compiled (`node dist/main.js`); tsx alone adds ≈ 15 MB of RSS and some CPU. `npm run bench` compiles
 * to .bench-dist/ and runs this as plain node (`node .bench-dist/bench/ingest.js` after `npm run bench` once).
 *
 * Why pbx/ reads AMI frames itself (docs/asterisk-ami.md §11), measured here on the 2-core box, 1,000 calls, tsx:
 *   through asterisk-manager: 28,792 events/s saturated, p99 749 ms paced at 20,000/s, peak RSS 335 / 397 MB;
 *   its reader was 31 % of the CPU profile (+ 8 % its trim regex), it parsed every buffered 64 KiB chunk in one
 *   go (loop stalls), and its socket is private, so a reader of ours could not be attached to it.
 * What the latency tail was made of (CPU and allocation profiles, --trace-gc): the AMI parser's 2 ms slices (the
 * call events' writes waited behind every socket read the loop had queued; 0.5 ms slices cut p99 by two thirds), GC
 * pauses (64 MiB semi-spaces by default; the flags cap them), and the other processes on the two cores. State-first
 * (CrashSafeWriter) costs one write per batch of call events, of just their calls, sent ahead of the jobs on the same
 * connection with no wait for its reply.
 */
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
import { TRACKER_SAVE_EVERY_MS } from '../src/ingest/crash-safe-writer.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
import { benchArgs } from '../harness/bench-args.js';
import { TARGETS, formatIngestReport } from './ingest-report.js';
import { runIngestJob } from './ingest-job.js';
import { TRACKER_OPTIONS } from './pipeline-run.js';
import { measureTrackerCost } from './tracker-cost.js';
function defaultFixtureDir() {
    return amiFixturesDir();
}
const values = benchArgs(import.meta.url, {
    calls: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    rate: { type: 'string', default: String(TARGETS.eventsPerSec) },
    'saturated-runs': { type: 'string', default: '3' },
    'paced-runs': { type: 'string', default: '3' },
    trace: { type: 'string', default: 'on' },
    'save-every-ms': { type: 'string', default: String(TRACKER_SAVE_EVERY_MS) }, // periodic tracker save, as the daemon
    fixtures: { type: 'string', default: defaultFixtureDir() },
});
const fixtures = values.fixtures;
const SPEC = {
    calls: Number(values.calls), rounds: Number(values.rounds), eventsPerSec: 0,
    transcripts: readdirSync(fixtures).filter((f) => f.endsWith('.ami')).sort().map((f) => join(fixtures, f)),
};
const PACED_EVENTS_PER_SEC = Number(values.rate);
const SAVE_EVERY_MS = Number(values['save-every-ms']);
const TRACE = values.trace !== 'off';
const TRACE_AMI = values.trace !== 'calls';
async function measure(mode, redisUrl, eventsPerSec) {
    return runIngestJob({ mode, redisUrl, server: { ...SPEC, eventsPerSec }, saveEveryMs: SAVE_EVERY_MS, trace: TRACE, traceAmi: TRACE_AMI });
}
async function measurePipeline(redisUrl, eventsPerSec) {
    const out = await measure('pipeline', redisUrl, eventsPerSec);
    if (out.mode !== 'pipeline')
        throw new Error('expected a pipeline result');
    return out.result;
}
async function measureReference(redisUrl) {
    const out = await measure('reference', redisUrl, 0);
    if (out.mode !== 'reference')
        throw new Error('expected a reference result');
    return out.result;
}
async function main() {
    if (SPEC.transcripts.length === 0)
        throw new Error(`no .ami transcripts in ${fixtures}`);
    const redis = await startPrivateRedis();
    try {
        console.log(`bench/ingest: ${SPEC.calls} concurrent calls from ${SPEC.transcripts.length} transcripts (${fixtures}), ${SPEC.rounds} rounds, tracker snapshot every ${SAVE_EVERY_MS} ms, trace ${TRACE ? (TRACE_AMI ? 'on' : 'calls (no AMI events)') : 'off'}, node ${process.version}${process.env['NODE_OPTIONS'] ? `, NODE_OPTIONS=${process.env['NODE_OPTIONS']}` : ''}`);
        const saturated = [];
        const reference = [];
        for (let i = 0; i < Math.max(1, Number(values['saturated-runs'])); i += 1) {
            saturated.push(await measurePipeline(redis.url, 0));
            reference.push(await measureReference(redis.url));
        }
        const paced = [];
        for (let i = 0; i < Number(values['paced-runs']); i += 1)
            paced.push(await measurePipeline(redis.url, PACED_EVENTS_PER_SEC));
        const cost = await measureTrackerCost(SPEC.transcripts, SPEC.calls, TRACKER_OPTIONS);
        console.log(formatIngestReport({
            calls: SPEC.calls, pacedEventsPerSec: PACED_EVENTS_PER_SEC, saveEveryMs: SAVE_EVERY_MS, trace: TRACE, traceAmi: TRACE_AMI, saturated, paced, reference, cost,
            nodeFlags: daemonNodeFlags(),
        }));
        if ([...saturated, ...paced].reduce((n, p) => n + p.droppedFromBuffer, 0) > 0)
            process.exitCode = 1;
    }
    finally {
        await redis.stop();
    }
}
main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
