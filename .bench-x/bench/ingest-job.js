/**
 * One bench/ingest measurement in a process of its own (bench/ingest-run.ts), so each run's CPU and peak RSS are
 * its own and not what an earlier run left in the heap. The parent forks it and gets the result over IPC.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
export function isIngestJob(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    return (v.mode === 'pipeline' || v.mode === 'reference') && typeof v.redisUrl === 'string' && typeof v.saveEveryMs === 'number'
        && typeof v.server === 'object' && v.server !== null;
}
const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './ingest-run.js' : './ingest-run.ts', import.meta.url));
/** Extra node flags for the measured child only (e.g. BENCH_CHILD_NODE_ARGS='--cpu-prof --trace-gc'). */
const CHILD_NODE_ARGS = [...daemonNodeFlags(), ...(process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '')];
function isResult(msg) {
    return typeof msg === 'object' && msg !== null && 'mode' in msg && 'result' in msg;
}
/** Forks bench/ingest-run.ts (advanced serialisation, so latency arrays come back as Float64Arrays). */
export function runIngestJob(job) {
    const child = fork(CHILD, [JSON.stringify(job)], {
        execArgv: [...(COMPILED ? [] : ['--import', 'tsx']), ...CHILD_NODE_ARGS], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
        let result = null;
        child.on('message', (msg) => { if (isResult(msg))
            result = msg; });
        child.once('error', reject);
        child.once('exit', (code) => {
            if (result)
                resolve(result);
            else
                reject(new Error(`bench/ingest-run (${job.mode}) exited with code ${String(code)} and no result`));
        });
    });
}
