import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { pollUntil } from '../../../harness/poll.js';
import { freePort, pingRedis } from '../../../harness/redis/private-redis.js';

/** A throw-away redis-server that persists every write (appendonly, fsync always), as a real deployment should run. */
export interface AofRedis {
  readonly url: string;
  /** Kills the server with SIGKILL: a crash, no clean shutdown. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
}

function answers(port: number, timeoutMs: number): Promise<boolean> {
  return pollUntil(() => pingRedis('127.0.0.1', port, 200), { timeoutMs });
}

/** Starts an AOF redis-server in a temporary directory; it is stopped and its files removed when the test finishes. */
export async function startAofRedis(): Promise<AofRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pcb-aof-'));
  const launch = (): ChildProcess => spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--dir', dir,
    '--save', '', '--appendonly', 'yes', '--appendfsync', 'always',
  ], { stdio: 'ignore' });
  let child = launch();
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };
  onTestFinished(async () => { await stop('SIGTERM'); rmSync(dir, { recursive: true, force: true }); });
  if (!(await answers(port, 10_000))) throw new Error(`AOF redis-server did not start on port ${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    crash: () => stop('SIGKILL'),
    start: async () => {
      child = launch();
      if (!(await answers(port, 10_000))) throw new Error(`AOF redis-server did not restart on port ${port}`);
    },
  };
}
