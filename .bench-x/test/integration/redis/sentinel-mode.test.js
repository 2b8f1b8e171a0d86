import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedisSentinelSet } from '../../../harness/redis/redis-sentinel-set.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
import { pipelineThroughFailover } from './ha-pipeline.js';
// one Sentinel set for the file (one master, one replica, three sentinels); the test kills its master
let set = null;
beforeAll(async () => { set = await startRedisSentinelSet(); });
afterAll(async () => { await set?.stop(); });
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
describe('REDIS_SENTINELS: the daemon on a real Sentinel set', () => {
    it('runs the pipeline, and loses no call when the master is killed and a sentinel promotes the replica', async () => {
        if (!set)
            throw new Error('no Sentinel set');
        const s = set;
        const before = await s.masterPort();
        const daemon = await pipelineThroughFailover(s.env(), async () => { await s.killMaster(); });
        expect(await s.masterPort()).not.toBe(before);
        expect(daemon.config.redis.connection).toMatchObject({ mode: 'sentinel', name: s.name });
    });
});
