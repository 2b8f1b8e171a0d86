/**
 * One bench/ingest measurement in a process of its own (bench/ingest-run.ts), so each run's CPU and peak RSS are
 * its own and not what an earlier run left in the heap. The parent forks it and gets the result over IPC.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
import type { LoadServerSpec } from './load-server.js';
import type { PipelineResult } from './pipeline-run.js';
import type { ReferenceResult } from './reference-run.js';

export interface IngestJob {
  readonly mode: 'pipeline' | 'reference';
  readonly redisUrl: string;
  readonly server: LoadServerSpec;
  /** Tracker snapshot interval (CallIngest saveEveryMs). */
  readonly saveEveryMs: number;
  /** The per-call trace (TraceBuffer) on, as the daemon runs; absent = on. */
  readonly trace?: boolean;
  /** With the trace on: its AMI events too (CALL_TRACE_AMI); absent = true. */
  readonly traceAmi?: boolean;
}

export type IngestJobResult =
  | { readonly mode: 'pipeline'; readonly result: PipelineResult }
  | { readonly mode: 'reference'; readonly result: ReferenceResult };

export function isIngestJob(value: unknown): value is IngestJob {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof IngestJob, unknown>>;
  return (v.mode === 'pipeline' || v.mode === 'reference') && typeof v.redisUrl === 'string' && typeof v.saveEveryMs === 'number'
    && typeof v.server === 'object' && v.server !== null;
}

const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './ingest-run.js' : './ingest-run.ts', import.meta.url));

/** Extra node flags for the measured child only (e.g. BENCH_CHILD_NODE_ARGS='--cpu-prof --trace-gc'). */
const CHILD_NODE_ARGS = [...daemonNodeFlags(), ...(process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '')];

function isResult(msg: unknown): msg is IngestJobResult {
  return typeof msg === 'object' && msg !== null && 'mode' in msg && 'result' in msg;
}

/** Forks bench/ingest-run.ts (advanced serialisation, so latency arrays come back as Float64Arrays). */
export function runIngestJob(job: IngestJob): Promise<IngestJobResult> {
  const child = fork(CHILD, [JSON.stringify(job)], {
    execArgv: [...(COMPILED ? [] : ['--import', 'tsx']), ...CHILD_NODE_ARGS], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<IngestJobResult>((resolve, reject) => {
    let result: IngestJobResult | null = null;
    child.on('message', (msg: unknown) => { if (isResult(msg)) result = msg; });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bench/ingest-run (${job.mode}) exited with code ${String(code)} and no result`));
    });
  });
}
