import { AggregatorRegistry, Registry } from 'prom-client';
import { addListenerMetrics, addProcessMetrics } from '../metrics/daemon-metrics.js';
/** /ready of a deployment file's process: every tenant's PBXs (with the instance holding each lease) and queues. */
export async function deploymentReadiness(tenants) {
    const reports = await Promise.all(tenants.map(async (t) => ({ id: t.id, report: await t.readiness() })));
    const pbx = reports.flatMap(({ id, report }) => report.pbx.map((p) => ({ ...p, tenant: id })));
    const sum = (pick) => reports.reduce((n, { report }) => n + pick(report), 0);
    const workers = reports.map(({ report }) => report.workers);
    const stale = reports.find(({ report }) => report.counts.stale);
    return {
        ready: reports.length > 0 && reports.every(({ report }) => report.ready),
        redis: reports.every(({ report }) => report.redis),
        workers: workers.includes('stopped') ? 'stopped' : workers.every((w) => w === 'off') ? 'off' : 'running',
        ami: pbx[0]?.state ?? 'standby', pbx,
        queueDepth: sum((r) => r.queueDepth), buffered: sum((r) => r.buffered), failedJobs: sum((r) => r.failedJobs),
        counts: stale ? stale.report.counts : { stale: false, ageMs: 0 },
        tenants: reports.map(({ id, report }) => ({
            id, queueDepth: report.queueDepth, failedJobs: report.failedJobs, ...(report.crm ? { crm: report.crm } : {}),
        })),
    };
}
/** The process's own metrics (process_*, HTTP refusals at its listener) and every tenant's, each labelled `tenant`. */
export class DeploymentMetrics {
    tenants;
    registry = new Registry();
    authFailures;
    httpConnectionsDropped;
    contentType;
    constructor(tenants) {
        this.tenants = tenants;
        addProcessMetrics(this.registry);
        ({ authFailures: this.authFailures, httpConnectionsDropped: this.httpConnectionsDropped } = addListenerMetrics(this.registry));
        this.contentType = this.registry.contentType;
    }
    /** One exposition: a metric family appears once, with one series per tenant (their registries label them). */
    async metrics() {
        const all = [this.registry, ...this.tenants().map((t) => t.metrics.registry)];
        const json = await Promise.all(all.map((r) => r.getMetricsAsJSON()));
        return AggregatorRegistry.aggregate(json).metrics();
    }
}
