import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../poll.js';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
function collect(child, lines, file) {
    let partial = '';
    const onData = (chunk) => {
        file?.write(chunk);
        const text = partial + chunk.toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts.filter((l) => l.length > 0));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
}
export function spawnDaemon(opts) {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...opts.env, HTTP_PORT: String(opts.httpPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = [];
    const file = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
    collect(child, lines, file);
    let alive = true;
    const exited = new Promise((res) => child.once('exit', (code, signal) => {
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
        signal: (sig) => { if (alive)
            child.kill(sig); },
        get: async (path) => {
            try {
                const res = await fetch(`http://127.0.0.1:${opts.httpPort}${path}`, { signal: AbortSignal.timeout(2000) });
                return { status: res.status, body: await res.text() };
            }
            catch {
                return null;
            }
        },
        waitForLog: (text, timeoutMs, from = 0) => pollUntil(() => lines.slice(from).some((l) => l.includes(text)), { timeoutMs }),
    };
}
