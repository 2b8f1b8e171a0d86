import { Cluster, Redis } from 'ioredis';
/** How long a Cluster waits between tries while a failover moves slots (the replica takes over within the node timeout). */
const CLUSTER_RETRY_DELAY_MS = 200;
function authOptions(auth) {
    return {
        ...(auth.username === null ? {} : { username: auth.username }),
        ...(auth.password === null ? {} : { password: auth.password }),
        ...(auth.tls ? { tls: {} } : {}),
    };
}
/**
 * Opens a connection to `target`. `string` is a REDIS_URL (tests, tools). Every connection of the daemon is made
 * here, so each mode reaches everything: the main connection, the crash-safe writer's, the sync and notify workers'
 * (BullMQ duplicates them for its blocking reads, a Cluster included) and the console's stream reader.
 */
export function connectRedis(target, options = {}) {
    if (typeof target === 'string')
        return new Redis(target, options);
    switch (target.mode) {
        case 'standalone': return new Redis(target.url, options);
        case 'sentinel': return new Redis({
            ...options, ...authOptions(target), sentinels: target.sentinels.map((a) => ({ ...a })), name: target.name,
            // a failed-over master is found at once (the sentinels' +switch-master), not at the next reconnect
            failoverDetector: true,
            ...(target.sentinelPassword === null ? {} : { sentinelPassword: target.sentinelPassword }),
            ...(target.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
        });
        case 'cluster': {
            const { retryStrategy, enableOfflineQueue, lazyConnect, ...perNode } = options;
            const cluster = {
                redisOptions: { ...perNode, ...authOptions(target) },
                retryDelayOnFailover: CLUSTER_RETRY_DELAY_MS, retryDelayOnClusterDown: CLUSTER_RETRY_DELAY_MS, retryDelayOnTryAgain: CLUSTER_RETRY_DELAY_MS,
                // commands wait through a failover as they do through a reconnect (maxRetriesPerRequest: null) instead of failing
                maxRedirections: options.maxRetriesPerRequest === null ? 1000 : 16,
                ...(retryStrategy === undefined ? {} : { clusterRetryStrategy: retryStrategy }),
                ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
                ...(lazyConnect === undefined ? {} : { lazyConnect }),
            };
            return new Cluster(target.nodes.map((a) => ({ ...a })), cluster);
        }
    }
}
export function isCluster(redis) {
    return redis instanceof Cluster;
}
/** `host:port` of what a connection talks to, for log lines (never credentials): the sentinels' master name, the cluster's first node. */
export function redisTargetText(redis) {
    if (isCluster(redis))
        return `cluster of ${redis.nodes('master').length} masters`;
    if (redis.options.sentinels && redis.options.name)
        return `master ${redis.options.name} (sentinel)`;
    return `${redis.options.host ?? 'localhost'}:${redis.options.port ?? 6379}`;
}
/**
 * The server holding `key` on a Cluster (SCAN and keyless scripts must go where the deployment's one hash slot is);
 * the connection itself otherwise.
 */
export function serverOf(redis, key) {
    if (!isCluster(redis))
        return Promise.resolve(redis);
    return nodeForKey(redis, key);
}
async function nodeForKey(cluster, key) {
    if (cluster.status !== 'ready')
        await new Promise((resolve) => { cluster.once('ready', () => resolve()); });
    const slot = Number(await cluster.cluster('KEYSLOT', key));
    const owners = cluster.slots[slot];
    const master = owners?.[0];
    const node = master ? cluster.nodes('master').find((n) => `${n.options.host ?? ''}:${n.options.port ?? 0}` === master) : undefined;
    if (!node)
        throw new Error(`no Redis Cluster node serves slot ${slot} yet`);
    return node;
}
