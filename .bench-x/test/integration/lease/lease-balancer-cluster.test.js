import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/poll.js';
import { hasRedisServerBinary } from '../../../harness/redis/private-redis.js';
import { startRedisCluster } from '../../../harness/redis/redis-cluster.js';
import { LeaseBalancer } from '../../../src/lease/lease-balancer.js';
import { silentLogger } from '../../../src/log.js';
import { connectRedis } from '../../../src/net/redis-client.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
let cluster = null;
beforeAll(async () => { if (hasRedisServerBinary())
    cluster = await startRedisCluster(); });
afterAll(async () => { await cluster?.stop(); });
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
function connect(c) {
    const nodes = c.nodes.split(',').map((n) => { const [host = '', port = ''] = n.split(':'); return { host, port: Number(port) }; });
    return connectRedis({ mode: 'cluster', nodes, username: null, password: null, tls: false }, { maxRetriesPerRequest: null });
}
describe('LeaseBalancer on a real 3-master Redis Cluster', () => {
    it('balances leases whose keys sit in different slots, reports their holders, and hands them over on stop', async () => {
        if (!cluster)
            throw new Error('no Cluster');
        const c = cluster;
        const prefix = `{t${randomUUID().slice(0, 8)}}`;
        // a lease key per PBX under the deployment's tag, and some without it, spread over the masters
        const keys = [...Array.from({ length: 5 }, (_, i) => `${prefix}:lease:ami:pbx${i}`), ...Array.from({ length: 4 }, (_, i) => `lease-${randomUUID()}-${i}`)];
        expect(new Set(await Promise.all(keys.map((k) => c.masterOf(k)))).size).toBeGreaterThan(1);
        const redis = connect(c);
        const balancers = ['a', 'b', 'c'].map((id) => new LeaseBalancer(redis, { prefix, instanceId: id, ttlMs: 800, checkEveryMs: 100 }, silentLogger()));
        try {
            await Promise.all(balancers.map((b) => b.start()));
            const handles = balancers.map((b) => keys.map((k) => b.lease(k)));
            await Promise.all(handles.flatMap((hs) => hs.map((h) => h.start({ acquired: () => { }, lost: () => { } }))));
            const counts = () => handles.map((hs) => hs.filter((h) => h.isHeld).length).join('/');
            await waitFor(() => counts() === '3/3/3', { what: () => `3/3/3, have ${counts()}`, timeoutMs: 5000, intervalMs: 10 });
            const holders = await balancers[0]?.holders(keys);
            expect([...(holders?.values() ?? [])].sort().join('')).toBe('aaabbbccc');
            await balancers[2]?.stop();
            const rest = () => handles.slice(0, 2).map((hs) => hs.filter((h) => h.isHeld).length).join('/');
            await waitFor(() => rest() === '5/4', { what: () => `5/4, have ${rest()}`, timeoutMs: 5000, intervalMs: 10 });
        }
        finally {
            await Promise.all(balancers.map((b) => b.stop()));
            await Promise.all(keys.map((k) => redis.del(k)));
            redis.disconnect();
        }
    });
});
