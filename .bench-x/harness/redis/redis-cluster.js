import { spawn } from 'node:child_process';
import { waitFor } from '../poll.js';
import { nodeGroup, replicationOffset, startRedisNode } from './redis-node.js';
/** A master not answering for this long is failed by the others and its replica promoted. */
const NODE_TIMEOUT_MS = 1000;
function run(cmd, args) {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => { out += d.toString(); });
        child.stderr.on('data', (d) => { out += d.toString(); });
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-500)}`))));
    });
}
async function slotTable(redis) {
    const reply = (await redis.call('CLUSTER', 'SLOTS'));
    return reply.map(([from, to, master]) => ({ from, to, master: master[1] }));
}
function rangeOf(table, slot) {
    return table.find((r) => slot >= r.from && slot <= r.to);
}
/** Starts six nodes, joins them (3 masters + 3 replicas) and waits until every node reports the cluster ok and every replica is in sync. */
export async function startRedisCluster() {
    const { dir, nodes, clients, stop } = nodeGroup('cluster');
    const connectTo = (port) => clients.to(port);
    try {
        const started = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => startRedisNode([
            '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${i}.conf`, '--cluster-node-timeout', String(NODE_TIMEOUT_MS),
            '--cluster-replica-validity-factor', '0', '--dir', dir, '--repl-diskless-sync-delay', '0',
        ], dir)));
        for (const s of started)
            if (s.status === 'fulfilled')
                nodes.push(s.value);
        const failed = started.find((s) => s.status === 'rejected');
        if (failed)
            throw failed.reason;
        await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes']);
        const live = () => nodes.filter((n) => n.alive);
        await waitFor(async () => {
            for (const n of live())
                if (!/cluster_state:ok/.test(String(await connectTo(n.port).call('CLUSTER', 'INFO'))))
                    return false;
            return true;
        }, { what: 'every cluster node to report cluster_state:ok', timeoutMs: 15_000, intervalMs: 100 });
        const any = () => { const n = live()[0]; if (!n)
            throw new Error('no cluster node is running'); return connectTo(n.port); };
        await waitFor(async () => {
            const infos = await Promise.all(nodes.map((n) => connectTo(n.port).info('replication')));
            return infos.filter((i) => /role:slave/.test(i) && /master_link_status:up/.test(i)).length === 3;
        }, { what: 'every replica to sync with its master', timeoutMs: 15_000, intervalMs: 100 });
        const slotOf = async (key) => Number(await any().call('CLUSTER', 'KEYSLOT', key));
        const masterOf = async (key) => {
            const range = rangeOf(await slotTable(any()), await slotOf(key));
            if (!range)
                throw new Error(`no master serves the slot of ${key}`);
            return range.master;
        };
        const nodeList = nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
        return {
            nodes: nodeList,
            env: () => ({ REDIS_CLUSTER_NODES: nodeList }),
            masterOf,
            killMasterOf: async (key) => {
                const slot = await slotOf(key);
                const masterPort = rangeOf(await slotTable(any()), slot)?.master;
                const master = nodes.find((n) => n.port === masterPort);
                const info = masterPort === undefined ? '' : await connectTo(masterPort).info('replication');
                const replicaPort = Number(/^slave0:ip=[^,]+,port=(\d+)/m.exec(info)?.[1] ?? NaN);
                if (!master || !Number.isInteger(replicaPort))
                    throw new Error(`the slot of ${key} has no master with a replica`);
                const r = connectTo(replicaPort);
                await waitFor(async () => replicationOffset(await r.info('replication'), 'slave_repl_offset') >= replicationOffset(await connectTo(master.port).info('replication'), 'master_repl_offset'), { what: 'the replica to catch up with the master', timeoutMs: 5000 });
                clients.forget(master.port);
                await master.kill('SIGKILL');
                await waitFor(async () => {
                    for (const n of live()) { // every node's view, not only the promoted replica's (the others learn it by gossip)
                        const view = connectTo(n.port);
                        if (rangeOf(await slotTable(view), slot)?.master !== replicaPort || !/cluster_state:ok/.test(String(await view.call('CLUSTER', 'INFO'))))
                            return false;
                    }
                    return true;
                }, { what: 'every node to see the replica serving the slot', timeoutMs: 15_000, intervalMs: 100 });
                return replicaPort;
            },
            stop,
        };
    }
    catch (err) {
        await stop();
        throw err;
    }
}
