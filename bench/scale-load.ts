/** Parent side of bench/scale-load-server.ts: forks it (its own process), waits for logins, starts the streams. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopper } from './load-server.js';

export interface ScaleLoadSpec {
  /** Calls open at once on each PBX. */
  readonly callsPerPbx: number;
  /** Frames each PBX sends (calls start until this many are out; the open ones then finish). */
  readonly framesPerPbx: number;
  /** Each PBX's pace. */
  readonly eventsPerSec: number;
  /** PBX k starts its stream staggerMs · frac(k · φ) after `go` (0: all within one frame gap, in lockstep). */
  readonly staggerMs: number;
  readonly transcripts: readonly string[];
}

export type ScaleLoadMessage =
  | { readonly type: 'ready'; readonly port: number; readonly framesPerPbx: number; readonly callsPerPbx: number; readonly peakOpenCalls: number }
  | { readonly type: 'logins'; readonly count: number }
  | { readonly type: 'done'; readonly connections: number; readonly framesSent: number; readonly maxBehindFrames: number };

export type ScaleLoadDone = Extract<ScaleLoadMessage, { type: 'done' }>;
export type ScaleLoadReady = Extract<ScaleLoadMessage, { type: 'ready' }>;

export function isScaleLoadSpec(value: unknown): value is ScaleLoadSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof ScaleLoadSpec, unknown>>;
  return typeof v.callsPerPbx === 'number' && typeof v.framesPerPbx === 'number' && typeof v.eventsPerSec === 'number' && typeof v.staggerMs === 'number' && Array.isArray(v.transcripts);
}

function isMessage(msg: unknown): msg is ScaleLoadMessage {
  return typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string';
}

const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './scale-load-server.js' : './scale-load-server.ts', import.meta.url));

export interface ScaleLoadServer {
  readonly ready: ScaleLoadReady;
  /** Resolves once exactly `count` PBXs are logged in (rejects after `timeoutMs`). */
  logins(count: number, timeoutMs: number): Promise<void>;
  /** Starts every logged-in PBX's stream; resolves when all have been written. */
  go(): Promise<ScaleLoadDone>;
  stop(): Promise<void>;
}

export function startScaleLoad(spec: ScaleLoadSpec): Promise<ScaleLoadServer> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(spec)], {
    execArgv: COMPILED ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  let loggedIn = 0;
  const waiters = new Set<() => void>();
  let done: ((d: ScaleLoadDone) => void) | null = null;
  child.on('message', (msg: unknown) => {
    if (!isMessage(msg)) return;
    if (msg.type === 'logins') { loggedIn = msg.count; for (const w of [...waiters]) w(); }
    if (msg.type === 'done') done?.(msg);
  });
  const server = (ready: ScaleLoadReady): ScaleLoadServer => ({
    ready,
    logins: (count, timeoutMs) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`${loggedIn} of ${count} PBXs logged in after ${timeoutMs} ms`)); }, timeoutMs);
      const check = (): void => { if (loggedIn === count) { clearTimeout(timer); waiters.delete(check); resolve(); } };
      waiters.add(check);
      check();
    }),
    go: () => new Promise<ScaleLoadDone>((resolve) => { done = resolve; child.send({ type: 'go' }); }),
    stop: stopper(child),
  });
  return new Promise<ScaleLoadServer>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`scale load server exited early (code ${String(code)})`)));
    const first = (msg: unknown): void => {
      if (!isMessage(msg) || msg.type !== 'ready') return;
      child.off('message', first);
      resolve(server(msg));
    };
    child.on('message', first);
  });
}
