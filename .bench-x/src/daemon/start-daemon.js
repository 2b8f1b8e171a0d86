import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { startFastAgiServer } from '../agi/fastagi-server.js';
import { DEFAULT_PBX, deploymentOf } from '../config/load-deployment.js';
import { checkRedisDatabase } from './redis-database-check.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
import { connectRedis } from '../net/redis-client.js';
import { startTenant } from './tenant-runtime.js';
/** The composition root: builds everything from Config, starts in dependency order, stops in reverse. */
export async function startDaemon(config, log, options = {}) {
    const closers = [];
    const stop = async () => { for (const close of closers.splice(0).reverse())
        await close().catch((err) => log.error({ err }, 'stop step failed')); };
    try {
        const instanceId = options.instanceId ?? config.ingest.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
        if (config.redis.connection.mode === 'standalone')
            await checkRedisDatabase(config.redis.connection.url, log);
        const redis = connectRedis(config.redis.connection, { maxRetriesPerRequest: null, lazyConnect: false });
        watchRedisConnection(redis, 'main', log.child({ component: 'redis' })); // one line per down/up; /ready reports it
        closers.push(async () => { redis.disconnect(); });
        const [plan] = deploymentOf(config).tenants;
        if (!plan)
            throw new Error('no tenant');
        const tenant = await startTenant(plan, { redis, log, instanceId, labelled: false }, options);
        closers.push(() => tenant.stop());
        const http = tenant.http;
        if (options.listen ?? true)
            await http.listen({ host: config.http.host, port: config.http.port });
        const agi = await startAgi(config, tenant, log);
        if (agi)
            closers.push(() => agi.close());
        const pbx = tenant.pbxs().get(DEFAULT_PBX);
        if (!pbx)
            throw new Error('no PBX');
        return {
            http, ami: pbx.ami, crm: tenant.crm, reader: pbx.reader, writer: pbx.writer, metrics: tenant.metrics, instanceId,
            console: tenant.console, readiness: () => tenant.readiness(), stop,
        };
    }
    catch (err) {
        await stop();
        throw err;
    }
}
/** The FastAGI server for the dialplan's route question (AGI_ENABLED), answering for one tenant. */
export async function startAgi(config, tenant, log) {
    const agiConfig = config.callControl.agi;
    if (!agiConfig.enabled)
        return null;
    return startFastAgiServer({
        host: agiConfig.host, port: agiConfig.port, router: tenant.control.router, dialSeconds: config.callControl.route.dialSeconds, log,
        onAnswered: (ms) => tenant.metrics.latency.routeAnswered('fastagi', ms),
    });
}
