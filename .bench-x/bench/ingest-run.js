/**
 * Child process of bench/ingest.ts: runs one measurement (bench/ingest-job.ts) against its own AMI load server
 * and sends the result to the parent over IPC.
 */
import pino from 'pino';
import { createLogger } from '../src/log.js';
import { isIngestJob } from './ingest-job.js';
import { LOAD_SECRET, startLoadServer } from './load-server.js';
import { runPipeline } from './pipeline-run.js';
import { runReference } from './reference-run.js';
async function run(job) {
    const server = await startLoadServer(job.server);
    try {
        const events = server.framesPerRound * job.server.rounds;
        if (job.mode === 'reference')
            return { mode: 'reference', result: await runReference(server.port, events) };
        const log = createLogger('warn', [LOAD_SECRET], pino.destination({ dest: 2, sync: false }));
        return { mode: 'pipeline', result: await runPipeline(server.port, job.redisUrl, events, log, job.saveEveryMs, job.trace ?? true, job.traceAmi ?? true) };
    }
    finally {
        await server.stop();
    }
}
/** BENCH_ALLOC_PROFILE=file: a sampling profile of every allocation (collected objects included), for DevTools; one file per run, `<file>.<mode>.<pid>`. */
async function allocProfile(mode) {
    const file = process.env['BENCH_ALLOC_PROFILE'];
    if (!file)
        return null;
    const out = `${file}.${mode}.${process.pid}`;
    const { Session } = await import('node:inspector/promises');
    const { writeFileSync } = await import('node:fs');
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return async () => { const r = await session.post('HeapProfiler.stopSampling'); writeFileSync(out, JSON.stringify(r.profile)); };
}
async function main() {
    const job = JSON.parse(process.argv[2] ?? 'null');
    if (!isIngestJob(job))
        throw new Error('ingest-run.ts expects an IngestJob as JSON in argv[2]');
    const stopAlloc = await allocProfile(job.mode);
    const result = await run(job);
    await stopAlloc?.();
    await new Promise((resolve) => process.send?.(result, () => resolve()));
    process.disconnect?.();
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
