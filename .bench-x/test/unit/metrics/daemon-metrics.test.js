import { describe, expect, it } from 'vitest';
import { DaemonMetrics } from '../../../src/metrics/daemon-metrics.js';
import { packageVersion } from '../../../src/metrics/build-info.js';
import { fixedSources, fullExposition, hasPromtool, promtool } from '../../support/metrics-fixture.js';
import { lintExposition, parseExposition } from '../../support/prometheus-exposition.js';
function valueOf(text, series) {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
describe('DaemonMetrics', () => {
    it('passes the promtool lint rules (counters _total, HELP and TYPE, units, histogram consistency)', async () => {
        const text = await fullExposition();
        expect(lintExposition(text)).toEqual([]);
        if (hasPromtool())
            expect(promtool(['check', 'metrics'], text)).toMatchObject({ status: 0 });
    });
    it('exports the AMI and event-buffer figures as counters and the job states as a gauge', async () => {
        const text = await fullExposition();
        const families = parseExposition(text);
        for (const [name, value] of [['pcb_ami_events_total', 41], ['pcb_ami_malformed_frames_total', 3], ['pcb_ami_reconnects_total', 2],
            ['pcb_event_buffer_accepted_total', 120], ['pcb_event_buffer_flushed_total', 105], ['pcb_event_buffer_dropped_total', 6]]) {
            expect(families.get(name)?.type, name).toBe('counter');
            expect(valueOf(text, name), name).toBe(value);
        }
        expect(valueOf(text, 'pcb_event_buffer_events')).toBe(9);
        expect(valueOf(text, 'pcb_event_buffer_capacity_events')).toBe(10_000);
        expect(families.get('pcb_queue_jobs')?.samples.map((s) => [s.labels['state'], s.value])).toEqual([
            ['waiting', 7], ['delayed', 1], ['active', 2], ['failed', 4],
        ]);
        expect(families.has('pcb_ami_total')).toBe(false);
    });
    it('keeps the standard process_* and nodejs_* names of the default metrics', async () => {
        const families = parseExposition(await new DaemonMetrics(fixedSources()).metrics());
        for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_heap_size_used_bytes',
            'nodejs_eventloop_lag_seconds', 'nodejs_gc_duration_seconds', 'nodejs_active_handles'])
            expect(families.has(name), name).toBe(true);
        expect([...families.keys()].filter((n) => n.startsWith('pcb_process') || n.startsWith('pcb_nodejs'))).toEqual([]);
    });
    it('reads a counter kept elsewhere afresh at each scrape', async () => {
        let events = 10;
        const m = new DaemonMetrics(fixedSources({ amiStats: () => ({ eventsReceived: events, malformedFrames: 0, reconnects: 0 }) }));
        expect(valueOf(await m.metrics(), 'pcb_ami_events_total')).toBe(10);
        events = 25;
        expect(valueOf(await m.metrics(), 'pcb_ami_events_total')).toBe(25);
    });
    it('records latencies in seconds in their histograms', async () => {
        const m = new DaemonMetrics(fixedSources());
        m.latency.stageApplied('ringing', 300);
        m.latency.stageApplied('ringing', 4000);
        m.latency.stageApplied('ended', -50); // worker clock behind the producer's: never a negative latency
        m.latency.crmRequestDone({ adapter: 'bitrix24', method: 'findByPhone', result: 'retryable', durationMs: 700 });
        m.latency.routeAnswered('fastagi', 20);
        const text = await m.metrics();
        expect(valueOf(text, 'pcb_stage_apply_latency_seconds_count{stage="ringing"}')).toBe(2);
        expect(valueOf(text, 'pcb_stage_apply_latency_seconds_sum{stage="ringing"}')).toBeCloseTo(4.3);
        expect(valueOf(text, 'pcb_stage_apply_latency_seconds_bucket{le="0.5",stage="ringing"}')).toBe(1);
        expect(valueOf(text, 'pcb_stage_apply_latency_seconds_bucket{le="0.05",stage="ended"}')).toBe(1);
        expect(valueOf(text, 'pcb_crm_request_duration_seconds_bucket{le="1",adapter="bitrix24",method="findByPhone",result="retryable"}')).toBe(1);
        expect(valueOf(text, 'pcb_crm_request_duration_seconds_bucket{le="0.5",adapter="bitrix24",method="findByPhone",result="retryable"}')).toBe(0);
        expect(valueOf(text, 'pcb_route_request_duration_seconds_sum{via="fastagi"}')).toBeCloseTo(0.02);
    });
    it('exports pcb_build_info with the package and Node.js versions', async () => {
        const text = await new DaemonMetrics(fixedSources()).metrics();
        expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
        expect(valueOf(text, `pcb_build_info{version="${packageVersion()}",node="${process.versions.node}"}`)).toBe(1);
    });
});
