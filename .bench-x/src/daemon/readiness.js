import { withTimeout } from '../timeout.js';
import { holderOf } from '../lease/balance-plan.js';
function within(read, ms) {
    return withTimeout(read.then((value) => ({ ok: true, value }), () => ({ ok: false })), ms, () => ({ ok: false }));
}
function crmReadiness(adapter, problem) {
    return { adapter, ok: problem === null, problem: problem ? { ...problem } : null };
}
/**
 * What GET /ready reports. Ready means this instance can serve HTTP and run jobs: RedisClient answers and the sync workers
 * run. The PBX's AMI state is reported, not required: a standby or a reconnecting AMI keeps routing and click-to-call
 * answering (routing falls back while AMI is away). Figures not read now are the last ones read, marked stale with age.
 */
export function readinessReporter(deps) {
    const timeoutMs = deps.timeoutMs ?? 500;
    const now = deps.nowMs ?? Date.now;
    const holders = new Map();
    const ageOf = (atMs) => (atMs === null ? null : now() - atMs);
    const probes = () => deps.pbxs?.() ?? (deps.pbx ? [deps.pbx] : []);
    return async () => {
        const list = probes();
        const [ping, leases, stats] = await Promise.all([
            within(deps.redis.ping(), timeoutMs), Promise.all(list.map((p) => within(deps.redis.get(p.leaseKey), timeoutMs))), deps.stats(),
        ]);
        const redis = ping.ok && ping.value === 'PONG';
        const workersOk = deps.workersRunning ? deps.workersRunning() : null;
        const pbxs = list.map((p, i) => {
            const lease = leases[i] ?? { ok: false };
            const holder = holders.get(p.leaseKey) ?? { value: null, atMs: null };
            holders.set(p.leaseKey, holder);
            // a lease being handed over (lease/lease-balancer.ts) has no holder yet
            if (lease.ok) {
                holder.value = holderOf(lease.value);
                holder.atMs = now();
            }
            return {
                id: p.id, state: p.state(), leaseHolder: holder.value, thisInstance: holder.value === deps.instanceId,
                stale: !lease.ok, ageMs: lease.ok ? 0 : ageOf(holder.atMs),
            };
        });
        return {
            ready: redis && workersOk !== false,
            redis, workers: workersOk === null ? 'off' : workersOk ? 'running' : 'stopped',
            ami: pbxs[0]?.state ?? 'standby', pbx: pbxs,
            queueDepth: stats.waiting + stats.delayed + stats.active + stats.buffered, buffered: stats.buffered, failedJobs: stats.failed,
            counts: { stale: !stats.fresh, ageMs: stats.fresh ? 0 : ageOf(stats.readAtMs) },
            ...(deps.crm ? { crm: crmReadiness(deps.crm.adapter, deps.crm.problem()) } : {}),
        };
    };
}
