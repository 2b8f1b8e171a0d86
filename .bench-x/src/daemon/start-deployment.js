import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { startFastAgiServer } from '../agi/fastagi-server.js';
import { buildHttpApp } from '../http/build-app.js';
import { HttpError } from '../http/http-error.js';
import { tenantDispatcher } from '../http/tenant-dispatch.js';
import { packageVersion } from '../metrics/build-info.js';
import { connectRedis } from '../net/redis-client.js';
import { watchRedisConnection } from '../net/redis-connection-log.js';
import { DeploymentMetrics, deploymentReadiness } from './deployment-status.js';
import { planChanges } from './deployment-changes.js';
import { LeaseBalancer } from '../lease/lease-balancer.js';
import { checkRedisDatabase } from './redis-database-check.js';
import { startTenant } from './tenant-runtime.js';
const refuseTenantData = () => {
    throw new HttpError(403, 'tenant_token_required', 'this route takes a tenant\'s API token (the deployment file\'s apiTokens); API_TOKEN opens /admin only');
};
/** Tokens of every tenant, by sha256 hex. */
function tokenIndex(tenants) {
    const index = new Map();
    for (const t of tenants)
        for (const hex of t.tokens.sha256)
            index.set(hex, t.id);
    return index;
}
export async function startDeployment(deployment, log, options = {}) {
    const config = deployment.process;
    const closers = [];
    const tenants = new Map();
    let tokens = tokenIndex(deployment.tenants);
    let leaveBalancer = () => Promise.resolve();
    const stop = async () => {
        await leaveBalancer().catch((err) => log.warn({ err }, 'leaving the lease registry failed'));
        await Promise.all([...tenants.values()].map((t) => t.stop().catch((err) => log.error({ err, tenant: t.id }, 'tenant stop failed'))));
        tenants.clear();
        for (const close of closers.splice(0).reverse())
            await close().catch((err) => log.error({ err }, 'stop step failed'));
    };
    try {
        const instanceId = options.instanceId ?? config.ingest.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
        if (config.redis.connection.mode === 'standalone')
            await checkRedisDatabase(config.redis.connection.url, log);
        const redis = connectRedis(config.redis.connection, { maxRetriesPerRequest: null, lazyConnect: false });
        watchRedisConnection(redis, 'main', log.child({ component: 'redis' }));
        closers.push(async () => { redis.disconnect(); });
        // every PBX's lease comes from one balancer: N instances on one file hold about PBXs/N each, a dead one's are taken over
        const balancer = new LeaseBalancer(redis, {
            prefix: deployment.prefix, instanceId, ttlMs: options.leaseTtlMs ?? config.ingest.leaseTtlMs,
            checkEveryMs: Math.min(1000, Math.floor((options.leaseTtlMs ?? config.ingest.leaseTtlMs) / 3)),
        }, log.child({ component: 'lease' }));
        await balancer.start(); // registered before the first leases are taken, so instances starting together split them
        closers.push(() => balancer.stop()); // after every tenant stopped (their readers gave their leases back)
        leaveBalancer = () => balancer.leave(); // first: the others' shares grow before the readers give the leases up
        const shared = { redis, log, instanceId, labelled: true, leaseFor: (key) => balancer.lease(key) };
        const start = async (plan) => {
            const t = await startTenant(plan, shared, options);
            await t.http.ready();
            tenants.set(plan.id, t);
        };
        for (const plan of deployment.tenants)
            await start(plan);
        const metrics = new DeploymentMetrics(() => [...tenants.values()]);
        let replaceQueues = () => undefined;
        const queues = () => [...tenants.values()].map((t) => ({ tenant: t.id, queue: t.dashboardQueue }));
        const readiness = () => deploymentReadiness([...tenants.values()]);
        const http = await buildHttpApp({
            apiToken: config.http.apiToken, log, readiness,
            extraRoutes: [async (app) => {
                    // every other /v1 path: a tenant's token was dispatched to its tenant already, so here it is refused
                    app.all('/v1/*', { schema: { hide: true } }, refuseTenantData);
                }],
            metrics, authFailures: metrics.authFailures, limits: config.http.limits, connectionsDropped: metrics.httpConnectionsDropped,
            version: packageVersion(), admin: { queues: queues(), onBoard: (replace) => { replaceQueues = replace; } },
            ...(options.onHttpRoute ? { onRoute: options.onHttpRoute } : {}),
            dispatch: tenantDispatcher({ byTokenHash: (hex) => tokens.get(hex) ?? null, app: (id) => tenants.get(id)?.http ?? null }),
        });
        closers.push(() => http.close());
        if (options.listen ?? true)
            await http.listen({ host: config.http.host, port: config.http.port });
        const agiConfig = config.callControl.agi;
        if (agiConfig.enabled) {
            // `agi://bridge:4573/<tenant>/route`: the script's first segment names the tenant
            const agi = await startFastAgiServer({
                host: agiConfig.host, port: agiConfig.port, dialSeconds: config.callControl.route.dialSeconds, log,
                router: { lookup: () => Promise.reject(new Error('no tenant named')) },
                routerFor: (script) => tenants.get(script.split('/')[0] ?? '')?.control.router ?? null,
            });
            closers.push(() => agi.close());
        }
        let reloading = Promise.resolve();
        const reload = (next) => {
            const run = reloading.then(async () => {
                try {
                    return await planChanges([...tenants.values()].map((t) => t.plan), next.tenants, {
                        stopTenant: async (id) => { const t = tenants.get(id); tenants.delete(id); await t?.stop(); },
                        startTenant: start,
                        replacePbx: async (tenantId, plan) => { await tenants.get(tenantId)?.replacePbx(plan); },
                    }, log);
                }
                finally {
                    // the tokens of the tenants that run now (a tenant that failed to start opens nothing)
                    tokens = tokenIndex(next.tenants.filter((t) => tenants.has(t.id)));
                    replaceQueues(queues());
                }
            });
            reloading = run.catch(() => undefined);
            return run;
        };
        return { http, instanceId, tenants: () => tenants, readiness, reload, stop };
    }
    catch (err) {
        await stop();
        throw err;
    }
}
