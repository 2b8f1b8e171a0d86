import { spawnSync } from 'node:child_process';
import { DaemonMetrics } from '../../src/metrics/daemon-metrics.js';
/** Sources with fixed, distinct figures, so each metric's value can be traced to the part it was read from. */
export function fixedSources(overrides = {}) {
    return {
        amiConnected: () => true,
        amiStats: () => ({ eventsReceived: 41, malformedFrames: 3, reconnects: 2 }),
        openCalls: () => 5,
        queueStats: async () => ({ waiting: 7, delayed: 1, active: 2, failed: 4, buffered: 9, droppedFromBuffer: 6 }),
        bufferCounters: () => ({ buffered: 9, accepted: 120, flushed: 105, dropped: 6 }),
        bufferCapacity: 10_000,
        ...overrides,
    };
}
/** A registry with every histogram observed once, so /metrics shows all the sample names it can ever show. */
export async function fullExposition() {
    const m = new DaemonMetrics(fixedSources());
    m.callEvents.inc({ stage: 'ringing' });
    m.syncedStages.inc({ stage: 'ringing', result: 'applied' });
    m.latency.stageApplied('ringing', 180);
    m.latency.crmRequestDone({ adapter: 'local', method: 'registerCall', result: 'ok', durationMs: 12 });
    m.latency.routeAnswered('http', 3);
    m.latency.routeAnswered('fastagi', 4);
    return m.metrics();
}
/** Whether promtool (Prometheus' checker) is on PATH; tests use it when it is, and the built-in linter always. */
export function hasPromtool() {
    return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}
export function promtool(args, input) {
    const r = spawnSync('promtool', args, { input, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
