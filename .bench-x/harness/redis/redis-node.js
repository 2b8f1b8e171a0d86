import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pollUntil } from '../poll.js';
import { freePort, hasRedisServerBinary, INSTALL_REDIS_HINT, pingRedis } from './private-redis.js';
/** A directory for the nodes' files (sentinel configs, nodes.conf), removed by the returned function. */
export function scratchDir(name) {
    const dir = mkdtempSync(join(tmpdir(), `pcb-${name}-`));
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
/**
 * Starts `redis-server ...args --port <free port>` (no persistence) and waits until it answers PING. A free port can be
 * taken by another process before the server binds it (or, for a cluster node, its bus port, port + 10000): a server
 * that exits at once is started again on another port, up to three times, unless the port was given.
 */
export async function startRedisNode(args, cwd, port) {
    for (let attempt = 1;; attempt += 1) {
        try {
            return await startOnce(args, cwd, port ?? (await freePort()));
        }
        catch (err) {
            if (port !== undefined || attempt >= 3)
                throw err;
        }
    }
}
async function startOnce(args, cwd, usePort) {
    if (!hasRedisServerBinary())
        throw new Error(INSTALL_REDIS_HINT);
    const child = spawn('redis-server', [...args, '--port', String(usePort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore', cwd,
    });
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const gone = () => child.exitCode !== null || child.signalCode !== null;
    const up = await pollUntil(async () => gone() || (await pingRedis('127.0.0.1', usePort, 200)), { timeoutMs: 10_000 });
    if (!up || gone()) {
        child.kill('SIGKILL');
        throw new Error(`redis-server ${args.join(' ')} did not start on port ${usePort}`);
    }
    return {
        port: usePort,
        get alive() { return child.exitCode === null && child.signalCode === null; },
        kill: async (signal = 'SIGKILL') => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill(signal);
            await exited;
        },
    };
}
/** One plain connection per node port for the launchers' own checks; a killed node's is closed with forget(). */
export class NodeClients {
    byPort = new Map();
    to(port) {
        let r = this.byPort.get(port);
        if (!r) {
            r = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
            r.on('error', () => { });
            this.byPort.set(port, r);
        }
        return r;
    }
    forget(port) {
        this.byPort.get(port)?.disconnect();
        this.byPort.delete(port);
    }
    close() {
        for (const port of [...this.byPort.keys()])
            this.forget(port);
    }
}
/** A replication offset from INFO replication (the master's or a replica's), -1 when absent. */
export function replicationOffset(info, field) {
    return Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(info)?.[1] ?? -1);
}
export function nodeGroup(name) {
    const scratch = scratchDir(name);
    const nodes = [];
    const clients = new NodeClients();
    return {
        dir: scratch.dir, nodes, clients,
        stop: async () => {
            clients.close();
            await Promise.all(nodes.splice(0).map((n) => n.kill('SIGKILL')));
            scratch.remove();
        },
    };
}
