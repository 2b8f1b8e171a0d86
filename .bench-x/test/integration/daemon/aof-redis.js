import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { pollUntil } from '../../../harness/poll.js';
import { freePort, pingRedis } from '../../../harness/redis/private-redis.js';
function answers(port, timeoutMs) {
    return pollUntil(() => pingRedis('127.0.0.1', port, 200), { timeoutMs });
}
/** Starts an AOF redis-server in a temporary directory; it is stopped and its files removed when the test finishes. */
export async function startAofRedis() {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'pcb-aof-'));
    const launch = () => spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--dir', dir,
        '--save', '', '--appendonly', 'yes', '--appendfsync', 'always',
    ], { stdio: 'ignore' });
    let child = launch();
    const stop = async (signal) => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        const exited = new Promise((resolve) => child.once('exit', () => resolve()));
        child.kill(signal);
        await exited;
    };
    onTestFinished(async () => { await stop('SIGTERM'); rmSync(dir, { recursive: true, force: true }); });
    if (!(await answers(port, 10_000)))
        throw new Error(`AOF redis-server did not start on port ${port}`);
    return {
        url: `redis://127.0.0.1:${port}`,
        crash: () => stop('SIGKILL'),
        start: async () => {
            child = launch();
            if (!(await answers(port, 10_000)))
                throw new Error(`AOF redis-server did not restart on port ${port}`);
        },
    };
}
