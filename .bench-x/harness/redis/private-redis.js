import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { pollUntil } from '../poll.js';
export const INSTALL_REDIS_HINT = 'No Redis answers at REDIS_URL and no redis-server binary was found: install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.';
export function hasRedisServerBinary() {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}
/** The lowest port the kernel hands out as a connection's source port (Linux: ip_local_port_range), 32768 if unknown. */
function ephemeralLow() {
    try {
        const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
        return Number.isInteger(low) && low > 2048 ? low : 32768;
    }
    catch {
        return 32768;
    }
}
const PORT_FLOOR = 10_000;
function listenOnce(port) {
    return new Promise((resolve) => {
        const srv = createServer();
        srv.once('error', () => resolve(null));
        srv.listen(port, '127.0.0.1', () => {
            const addr = srv.address();
            const got = typeof addr === 'object' && addr ? addr.port : null;
            srv.close(() => resolve(got));
        });
    });
}
/**
 * A port free on 127.0.0.1 now, for a server that listens on it later (a child process, a replay server started on
 * cue). Picked below the kernel's ephemeral range: a port from that range (what `listen(0)` gives) can meanwhile
 * become the source port of any outgoing connection on the machine, and the later listen fails with EADDRINUSE.
 */
export async function freePort() {
    const high = ephemeralLow();
    for (let attempt = 0; attempt < 50 && high > PORT_FLOOR; attempt += 1) {
        const port = await listenOnce(PORT_FLOOR + Math.floor(Math.random() * (high - PORT_FLOOR)));
        if (port !== null)
            return port;
    }
    const any = await listenOnce(0);
    if (any === null)
        throw new Error('no free port on 127.0.0.1');
    return any;
}
/** Sends PING to host:port and resolves true on +PONG within timeoutMs. */
export function pingRedis(host, port, timeoutMs = 500) {
    return new Promise((resolve) => {
        const sock = new Socket();
        const done = (ok) => { sock.destroy(); resolve(ok); };
        sock.setTimeout(timeoutMs, () => done(false));
        sock.once('error', () => done(false));
        sock.connect(port, host, () => sock.write('PING\r\n'));
        sock.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
}
export async function redisUrlAnswers(url, timeoutMs = 500) {
    try {
        const u = new URL(url);
        if (u.password || u.username)
            return true; // cannot PING without AUTH here; let the client report problems
        return await pingRedis(u.hostname || '127.0.0.1', Number(u.port || 6379), timeoutMs);
    }
    catch {
        return false;
    }
}
function launch(port, options) {
    const persistence = options.appendOnlyDir
        ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.appendOnlyDir]
        : ['--appendonly', 'no'];
    return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--protected-mode', 'no'], {
        stdio: 'ignore',
    });
}
/** Starts a throw-away redis-server on a free loopback port (no persistence unless `options.appendOnlyDir`). */
export async function startPrivateRedis(port, options = {}) {
    if (!hasRedisServerBinary())
        throw new Error(INSTALL_REDIS_HINT);
    const usePort = port ?? (await freePort());
    let child = launch(usePort, options);
    const ready = () => pollUntil(() => pingRedis('127.0.0.1', usePort, 200), { timeoutMs: 10_000 });
    if (!(await ready()))
        throw new Error(`redis-server did not start on port ${usePort}`);
    const stop = async (signal = 'SIGTERM') => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        const exited = new Promise((r) => child.once('exit', () => r()));
        child.kill(signal);
        await exited;
    };
    return {
        url: `redis://127.0.0.1:${usePort}`,
        port: usePort,
        stop: () => stop(),
        restart: async (downForMs = 0, signal = 'SIGTERM') => {
            await stop(signal);
            if (downForMs > 0)
                await new Promise((r) => setTimeout(r, downForMs));
            child = launch(usePort, options);
            if (!(await ready()))
                throw new Error(`redis-server did not restart on port ${usePort}`);
        },
    };
}
