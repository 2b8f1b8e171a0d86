import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../poll.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DaemonExit { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly afterMs: number }

/** One `node --import tsx src/main.ts` child with its own env; its pino JSON lines are kept for assertions. */
export interface DaemonProcess {
  readonly pid: number;
  readonly httpPort: number;
  readonly lines: readonly string[];
  readonly exited: Promise<DaemonExit>;
  readonly alive: boolean;
  /** Sends a signal; resolves at once (await `exited` for the end). */
  signal(sig: NodeJS.Signals): void;
  /** GET a path of the daemon's HTTP API; null when it does not answer. */
  get(path: string): Promise<{ status: number; body: string } | null>;
  /** Resolves once a log line contains `text` (checked every 25 ms), false after timeoutMs. */
  waitForLog(text: string, timeoutMs: number, from?: number): Promise<boolean>;
}

export interface SpawnOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly httpPort: number;
  /** Also write stdout+stderr to this file (debugging). */
  readonly logFile?: string;
}

function collect(child: ChildProcess, lines: string[], file: WriteStream | null): void {
  let partial = '';
  const onData = (chunk: Buffer) => {
    file?.write(chunk);
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.length > 0));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
}

export function spawnDaemon(opts: SpawnOptions): DaemonProcess {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...opts.env, HTTP_PORT: String(opts.httpPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const file = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
  collect(child, lines, file);
  let alive = true;
  const exited = new Promise<DaemonExit>((res) => child.once('exit', (code, signal) => {
    alive = false;
    file?.end();
    res({ code, signal, afterMs: Date.now() - startedAt });
  }));
  return {
    pid: child.pid ?? -1,
    httpPort: opts.httpPort,
    lines,
    exited,
    get alive() { return alive; },
    signal: (sig) => { if (alive) child.kill(sig); },
    get: async (path) => {
      try {
        const res = await fetch(`http://127.0.0.1:${opts.httpPort}${path}`, { signal: AbortSignal.timeout(2000) });
        return { status: res.status, body: await res.text() };
      } catch { return null; }
    },
    waitForLog: (text, timeoutMs, from = 0) => pollUntil(() => lines.slice(from).some((l) => l.includes(text)), { timeoutMs }),
  };
}
