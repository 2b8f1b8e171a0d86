/**
 * Parent side of bench/scale-run.ts: forks one daemon instance with the node flags of `npm start`
 * (harness/daemon-node-flags.ts; BENCH_CHILD_NODE_ARGS adds e.g. '--cpu-prof') and drives it over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
import type { RunMeterResult } from './run-meter.js';

export interface InstanceResult {
  readonly instanceId: string;
  /** PBXs whose lease this instance held at `go` (the ones it read). */
  readonly pbxsHeld: number;
  readonly pbxsKnown: number;
  readonly events: number;
  readonly allArrived: boolean;
  readonly allStored: boolean;
  readonly callEvents: number;
  /** Frame → job per call event, ms (unsorted). */
  readonly latencyMs: Float64Array;
  /** When each of those call events was emitted, ms after `go`. */
  readonly emittedAtMs: Float64Array;
  readonly meter: RunMeterResult;
  /** RSS at `go`: every PBX connected, no load yet. */
  readonly idleRssBytes: number;
  readonly heapUsedBytes: number;
  /** Call stages not yet applied by the sync workers when the last job was stored. */
  readonly queueDepth: number;
  readonly droppedFromBuffer: number;
}

export type InstanceCommand = { readonly type: 'go' } | { readonly type: 'finish'; readonly framesPerPbx: number } | { readonly type: 'stop' };
export type InstanceMessage =
  | { readonly type: 'started'; readonly instanceId: string }
  | { readonly type: 'result'; readonly result: InstanceResult };

export function isInstanceCommand(msg: unknown): msg is InstanceCommand {
  const type = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : null;
  return type === 'go' || type === 'finish' || type === 'stop';
}

function isMessage(msg: unknown): msg is InstanceMessage {
  const type = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : null;
  return type === 'started' || type === 'result';
}

/** GET /ready's `pbx` entries, as far as the bench reads them. */
export interface ReadyPbx { readonly id: string; readonly tenant?: string; readonly state: string; readonly leaseHolder: string | null }

const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './scale-run.js' : './scale-run.ts', import.meta.url));
const CHILD_NODE_ARGS = [...daemonNodeFlags(), ...(process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '')];

export interface Instance {
  readonly instanceId: string;
  go(): void;
  finish(framesPerPbx: number): Promise<InstanceResult>;
  /** GET /ready on this instance's listener. */
  readyPbxs(): Promise<ReadyPbx[]>;
  stop(): Promise<void>;
}

/** Starts one instance with `env` (DEPLOYMENT_FILE, REDIS_URL, HTTP_PORT, INSTANCE_ID, …); resolves once it runs. */
export function startInstance(env: Record<string, string>): Promise<Instance> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: [...(COMPILED ? [] : ['--import', 'tsx']), ...CHILD_NODE_ARGS], serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  let onResult: ((r: InstanceResult) => void) | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const command = (c: InstanceCommand): void => { if (child.connected) child.send(c); };
  return new Promise<Instance>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench/scale-run exited with code ${String(code)} before it started`)));
    child.on('message', (msg: unknown) => {
      if (!isMessage(msg)) return;
      if (msg.type === 'result') { onResult?.(msg.result); return; }
      resolve({
        instanceId: msg.instanceId,
        go: () => command({ type: 'go' }),
        finish: (framesPerPbx) => new Promise<InstanceResult>((res, rej) => {
          onResult = res;
          void exited.then(() => rej(new Error(`instance ${msg.instanceId} exited before its result`)));
          command({ type: 'finish', framesPerPbx });
        }),
        readyPbxs: async () => {
          const res = await fetch(`http://127.0.0.1:${env['HTTP_PORT'] ?? ''}/ready`);
          return ((await res.json()) as { pbx: ReadyPbx[] }).pbx;
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          command({ type: 'stop' });
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
