import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedisCluster } from '../../../harness/redis/redis-cluster.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
import { pipelineThroughFailover } from './ha-pipeline.js';
// one Cluster for the file: three masters, each with a replica; the test kills the master of the deployment's slot
let cluster = null;
beforeAll(async () => { cluster = await startRedisCluster(); });
afterAll(async () => { await cluster?.stop(); });
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
describe('REDIS_CLUSTER_NODES: the daemon on a real 3-master Redis Cluster', () => {
    it('keeps every key in the one slot of {REDIS_PREFIX}, runs the pipeline, and loses no call when that slot\'s master is killed', async () => {
        if (!cluster)
            throw new Error('no Cluster');
        const c = cluster;
        let killed = 0;
        const daemon = await pipelineThroughFailover(c.env(), async (d) => {
            const tag = d.config.redis.prefix;
            expect(tag).toMatch(/^\{t[0-9a-f]{8}\}$/); // the hash tag
            killed = await c.masterOf(tag);
            const promoted = await c.killMasterOf(tag);
            expect(await c.masterOf(tag)).toBe(promoted);
        });
        expect(killed).toBeGreaterThan(0);
        // BullMQ's keys carry the same tag: the jobs are on the node that holds the state
        const prefix = daemon.config.redis.prefix;
        expect(await c.masterOf(`${prefix}:bull:call-events:id`)).toBe(await c.masterOf(`${prefix}:tracker:state`));
    });
});
