import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { LatencyMetrics } from './latency-metrics.js';
import { registerSourceMetrics } from './source-metrics.js';
/** prom-client defaults that are gauges named `_total` (promtool rejects them); `sum(nodejs_active_handles)` etc. give the same. */
const NONSTANDARD_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
/** Figures read at scrape time from the parts that own them. */
/** The standard process_* / nodejs_* names, so stock dashboards work. */
export function addProcessMetrics(r) {
    collectDefaultMetrics({ register: r });
    for (const name of NONSTANDARD_DEFAULTS)
        r.removeSingleMetric(name);
}
/** What an HTTP listener counts: refused credentials, and connections dropped at HTTP_MAX_CONNECTIONS. */
export function addListenerMetrics(r) {
    return {
        authFailures: new Counter({
            name: 'pcb_http_auth_failures_total', help: 'HTTP requests refused for a missing or wrong credential, by route pattern and reason',
            labelNames: ['route', 'reason'], registers: [r],
        }),
        httpConnectionsDropped: new Counter({
            name: 'pcb_http_connections_dropped_total', help: 'HTTP connections closed on arrival because HTTP_MAX_CONNECTIONS were open', registers: [r],
        }),
    };
}
/** The Prometheus registry of one daemon (no global registry: tests can build several). */
export class DaemonMetrics {
    registry = new Registry();
    /** Latency histograms: stage applied, CRM requests, route answers. */
    latency;
    callEvents;
    syncedStages;
    /** Refused HTTP authentications by route pattern (never the URL) and reason. */
    authFailures;
    /** Connections closed on arrival because HTTP_MAX_CONNECTIONS were open. */
    httpConnectionsDropped;
    constructor(sources) {
        const r = this.registry;
        if (sources.processMetrics ?? true)
            addProcessMetrics(r);
        this.callEvents = new Counter({ name: 'pcb_call_events_total', help: 'Call events produced by the tracker', labelNames: ['stage'], registers: [r] });
        this.syncedStages = new Counter({ name: 'pcb_sync_stages_total', help: 'Call stages applied to the CRM', labelNames: ['stage', 'result'], registers: [r] });
        ({ authFailures: this.authFailures, httpConnectionsDropped: this.httpConnectionsDropped } = addListenerMetrics(r));
        new Gauge({ name: 'pcb_ami_connected', help: '1 while logged in to AMI', registers: [r], collect() { this.set(sources.amiConnected() ? 1 : 0); } });
        new Gauge({ name: 'pcb_open_calls', help: 'Calls the tracker is following', registers: [r], collect() { this.set(sources.openCalls()); } });
        registerSourceMetrics(r, sources);
        this.latency = new LatencyMetrics(r);
    }
    get contentType() { return this.registry.contentType; }
    metrics() { return this.registry.metrics(); }
}
