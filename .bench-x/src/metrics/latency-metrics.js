import { Gauge, Histogram } from 'prom-client';
import { packageVersion } from './build-info.js';
const STAGE_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const CRM_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const ROUTE_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];
/** The latency histograms (seconds) and pcb_build_info. */
export class LatencyMetrics {
    stageHist;
    crmHist;
    routeHist;
    constructor(r) {
        this.stageHist = new Histogram({
            name: 'pcb_stage_apply_latency_seconds', labelNames: ['stage'], buckets: STAGE_BUCKETS_S, registers: [r],
            help: 'From the call event reaching the queue (ms after its AMI event) to its stage applied in the CRM (the call-card delay users see)',
        });
        this.crmHist = new Histogram({
            name: 'pcb_crm_request_duration_seconds', labelNames: ['adapter', 'method', 'result'], buckets: CRM_BUCKETS_S, registers: [r],
            help: 'CRM adapter operations by adapter, method and result (ok, retryable, permanent, error)',
        });
        this.routeHist = new Histogram({
            name: 'pcb_route_request_duration_seconds', labelNames: ['via'], buckets: ROUTE_BUCKETS_S, registers: [r],
            help: 'Responsible-routing answers to the dialplan, via GET /v1/route (http) or FastAGI',
        });
        new Gauge({ name: 'pcb_build_info', help: 'Always 1; labels carry the daemon version and the Node.js version', labelNames: ['version', 'node'], registers: [r] })
            .set({ version: packageVersion(), node: process.versions.node }, 1);
    }
    stageApplied(stage, latencyMs) {
        this.stageHist.observe({ stage }, Math.max(0, latencyMs) / 1000);
    }
    crmRequestDone(sample) {
        this.crmHist.observe({ adapter: sample.adapter, method: sample.method, result: sample.result }, sample.durationMs / 1000);
    }
    routeAnswered(via, durationMs) {
        this.routeHist.observe({ via }, durationMs / 1000);
    }
}
