import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { readRedisEnv } from '../../../src/config/redis-env.js';
const MINIMAL = { AMI_USERNAME: 'crm', AMI_SECRET: 'crm-secret-1', API_TOKEN: 'a-long-enough-token-123' };
function problemsOf(env) {
    try {
        loadConfig({ ...MINIMAL, ...env });
        return [];
    }
    catch (err) {
        if (err instanceof ConfigError)
            return err.problems;
        throw err;
    }
}
describe('Redis modes: REDIS_URL, REDIS_SENTINELS + REDIS_SENTINEL_NAME, REDIS_CLUSTER_NODES', () => {
    it('is one server at REDIS_URL (its default) when neither Sentinel nor Cluster is set, under the plain prefix', () => {
        expect(loadConfig(MINIMAL).redis).toEqual({ connection: { mode: 'standalone', url: 'redis://127.0.0.1:6379' }, prefix: 'pcb', url: 'redis://127.0.0.1:6379' });
        expect(loadConfig({ ...MINIMAL, REDIS_URL: 'redis://r:6380/2', REDIS_PREFIX: 'x' }).redis.connection).toEqual({ mode: 'standalone', url: 'redis://r:6380/2' });
    });
    it('reads the sentinels, the master name and the credentials; the prefix stays as it is', () => {
        const config = loadConfig({
            ...MINIMAL, REDIS_SENTINELS: 's1:26379, [::1]:26380,10.0.0.3:26381', REDIS_SENTINEL_NAME: 'mymaster', REDIS_PASSWORD: 'data-pass', REDIS_SENTINEL_PASSWORD: 'sent-pass', REDIS_TLS: 'true',
        });
        expect(config.redis.connection).toEqual({
            mode: 'sentinel', name: 'mymaster', sentinels: [{ host: 's1', port: 26379 }, { host: '::1', port: 26380 }, { host: '10.0.0.3', port: 26381 }],
            username: null, password: 'data-pass', sentinelPassword: 'sent-pass', tls: true,
        });
        expect(config.redis.prefix).toBe('pcb');
        expect(config.secrets).toEqual(expect.arrayContaining(['data-pass', 'sent-pass']));
    });
    it('on a Cluster makes the prefix one hash tag, so every key of the deployment (BullMQ\'s too) is in one slot', () => {
        const config = loadConfig({ ...MINIMAL, REDIS_CLUSTER_NODES: 'r1:7000,r2:7001', REDIS_PREFIX: 'acme', REDIS_USERNAME: 'bridge', REDIS_PASSWORD: 'pw' });
        expect(config.redis.connection).toEqual({ mode: 'cluster', nodes: [{ host: 'r1', port: 7000 }, { host: 'r2', port: 7001 }], username: 'bridge', password: 'pw', tls: false });
        expect(config.redis.prefix).toBe('{acme}');
    });
    it.each([
        [{ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm' }, 'REDIS_URL and REDIS_SENTINELS'],
        [{ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r:7000' }, 'REDIS_URL and REDIS_CLUSTER_NODES'],
        [{ REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'r:7000' }, 'REDIS_SENTINELS and REDIS_CLUSTER_NODES'],
        [{ REDIS_SENTINELS: 's:26379' }, 'REDIS_SENTINEL_NAME: is required'],
        [{ REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINEL_NAME: needs REDIS_SENTINELS'],
        [{ REDIS_SENTINEL_PASSWORD: 'x' }, 'REDIS_SENTINEL_PASSWORD: needs REDIS_SENTINELS'],
        [{ REDIS_PASSWORD: 'x' }, 'REDIS_PASSWORD: applies to REDIS_SENTINELS or REDIS_CLUSTER_NODES'],
        [{ REDIS_USERNAME: 'x' }, 'REDIS_USERNAME: applies to'],
        [{ REDIS_TLS: 'true' }, 'REDIS_TLS: applies to'],
        [{ REDIS_SENTINELS: 's1:26379,s2', REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINELS: "s2" is not host:port'],
        [{ REDIS_CLUSTER_NODES: 'r1:70000' }, 'REDIS_CLUSTER_NODES: "r1:70000" is not host:port'],
    ])('refuses %o with a problem naming the variable (%s)', (env, expected) => {
        const problems = problemsOf(env);
        expect(problems.some((p) => p.includes(expected)), problems.join('\n')).toBe(true);
    });
    it('reads the Redis variables alone for `npm run jobs`, with the same checks', () => {
        expect(readRedisEnv({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_PREFIX: 'p' })).toMatchObject({ prefix: '{p}', connection: { mode: 'cluster' } });
        expect(readRedisEnv({ REDIS_URL: 'redis://r', REDIS_CLUSTER_NODES: 'r1:7000' })).toEqual({ problems: [expect.stringContaining('REDIS_URL and REDIS_CLUSTER_NODES')] });
        expect(readRedisEnv({ REDIS_SENTINELS: 'nope' })).toEqual({ problems: [expect.stringContaining('REDIS_SENTINELS: "nope" is not host:port')] });
    });
});
