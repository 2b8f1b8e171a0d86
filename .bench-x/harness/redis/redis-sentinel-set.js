import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../poll.js';
import { nodeGroup, replicationOffset, startRedisNode } from './redis-node.js';
const NAME = 'pcbmaster';
/** A master not answering for this long is subjectively down; with quorum 2 of 3 sentinels, failover follows at once. */
const DOWN_AFTER_MS = 600;
/** Starts the set and waits until the replica is in sync and every sentinel knows both. */
export async function startRedisSentinelSet() {
    const { dir, nodes, clients, stop } = nodeGroup('sentinel');
    try {
        const first = await startRedisNode(['--repl-diskless-sync-delay', '0'], dir); // the replica syncs at once
        nodes.push(first);
        const second = await startRedisNode(['--replicaof', '127.0.0.1', String(first.port)], dir);
        nodes.push(second);
        const servers = [first, second];
        const sentinels = [];
        for (let i = 0; i < 3; i += 1) {
            const conf = join(dir, `sentinel-${i}.conf`);
            writeFileSync(conf, [
                `sentinel monitor ${NAME} 127.0.0.1 ${first.port} 2`, `sentinel down-after-milliseconds ${NAME} ${DOWN_AFTER_MS}`,
                `sentinel failover-timeout ${NAME} 3000`, `sentinel parallel-syncs ${NAME} 1`, '',
            ].join('\n'));
            sentinels.push(await startRedisNode([conf, '--sentinel'], dir));
        }
        nodes.push(...sentinels);
        const ask = clients.to(sentinels[0]?.port ?? 0);
        const masterPort = async () => {
            for (const s of sentinels.filter((n) => n.alive)) {
                const reply = (await clients.to(s.port).call('SENTINEL', 'get-master-addr-by-name', NAME));
                if (reply)
                    return Number(reply[1]);
            }
            throw new Error('no sentinel names a master');
        };
        const connectTo = (port) => clients.to(port);
        const replicaInfo = () => connectTo(second.port).info('replication');
        await waitFor(async () => /master_link_status:up/.test(await replicaInfo()), { what: 'the replica to sync with the master', timeoutMs: 10_000 });
        await waitFor(async () => {
            const replicas = (await ask.call('SENTINEL', 'replicas', NAME));
            const known = (await ask.call('SENTINEL', 'sentinels', NAME));
            return replicas.length === 1 && known.length === 2;
        }, { what: 'the sentinels to know the replica and each other', timeoutMs: 10_000 });
        return {
            name: NAME,
            sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
            env: () => ({ REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','), REDIS_SENTINEL_NAME: NAME }),
            masterPort,
            killMaster: async () => {
                const oldPort = await masterPort();
                const oldMaster = servers.find((s) => s.port === oldPort);
                const replica = servers.find((s) => s.port !== oldPort && s.alive);
                if (!oldMaster || !replica)
                    throw new Error('the set has no master with a live replica');
                const m = connectTo(oldPort);
                const r = connectTo(replica.port);
                await waitFor(async () => replicationOffset(await r.info('replication'), 'slave_repl_offset') >= replicationOffset(await m.info('replication'), 'master_repl_offset'), { what: 'the replica to catch up with the master', timeoutMs: 5000 });
                clients.forget(oldPort);
                await oldMaster.kill('SIGKILL');
                await waitFor(async () => (await masterPort()) === replica.port, { what: 'a sentinel to promote the replica', timeoutMs: 15_000, intervalMs: 100 });
                return replica.port;
            },
            stop,
        };
    }
    catch (err) {
        await stop();
        throw err;
    }
}
