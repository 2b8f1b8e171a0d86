import { percentile } from './run-meter.js';
export const SCALE_TARGETS = { p99Ms: 20, rssMb: 300 };
const MB = 1024 * 1024;
export function figures(run) {
    const all = new Float64Array(run.instances.reduce((n, i) => n + i.latencyMs.length, 0));
    let at = 0;
    for (const i of run.instances) {
        all.set(i.latencyMs, at);
        at += i.latencyMs.length;
    }
    all.sort();
    const wallMs = Math.max(...run.instances.map((i) => (i.pbxsHeld > 0 ? i.meter.wallMs : 0)), 1);
    const max = (pick) => Math.max(...run.instances.map(pick));
    return {
        eventsPerSec: (run.instances.reduce((n, i) => n + i.events, 0) * 1000) / wallMs,
        callEvents: all.length, p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), maxMs: all[all.length - 1] ?? 0,
        cpuPercent: max((i) => (100 * i.meter.cpuMs) / i.meter.wallMs),
        idleRssMb: max((i) => i.idleRssBytes / MB), peakRssMb: max((i) => i.meter.peakRssBytes / MB),
        loopDelayP99Ms: max((i) => i.meter.loopDelayP99Ms), queueDepth: run.instances.reduce((n, i) => n + i.queueDepth, 0),
        complete: run.instances.every((i) => i.allArrived && i.allStored && i.droppedFromBuffer === 0),
    };
}
const WINDOW_S = 5;
/** p99 frame → job of the call events emitted in each WINDOW_S seconds of the run (warm-up, steady state, tail). */
function windowP99(run) {
    const windows = [];
    for (const i of run.instances) {
        i.latencyMs.forEach((ms, k) => { const w = Math.floor((i.emittedAtMs[k] ?? 0) / (WINDOW_S * 1000)); (windows[w] ??= []).push(ms); });
    }
    return [...windows].map((w) => percentile((w ?? []).sort((a, b) => a - b), 99));
}
const f1 = (n) => n.toFixed(1);
const int = (n) => Math.round(n).toLocaleString('en-US');
export function formatRun(run) {
    const f = figures(run);
    const leases = [...run.leases].map(([holder, n]) => `${holder ?? 'nobody'}: ${n}`).join(', ');
    const lines = [
        `${run.label}: ${int(f.eventsPerSec)} events/s in all, ${int(f.callEvents)} call events; frame → job p50 ${f.p50Ms.toFixed(2)} ms, `
            + `p99 ${f1(f.p99Ms)} ms, max ${f1(f.maxMs)} ms; CPU ${f1(f.cpuPercent)} % of a core; RSS ${f1(f.idleRssMb)} MB connected and idle, `
            + `${f1(f.peakRssMb)} MB peak; loop delay p99 ${f1(f.loopDelayP99Ms)} ms; stages not yet applied by the CRM workers at the end: ${int(f.queueDepth)}`
            + `${f.complete ? '' : ' — INCOMPLETE (frames not all read, jobs not all stored, or events dropped)'}`,
        `    leases (GET /ready pbx[].leaseHolder): ${leases}; the load server fell behind by at most ${run.load.maxBehindFrames} frames on a connection`,
    ];
    lines.push(`    p99 frame → job by ${WINDOW_S} s of the run: ${windowP99(run).map((ms) => f1(ms)).join(', ')} ms; `
        + `involuntary context switches ${run.instances.map((i) => int(i.meter.involuntaryContextSwitches)).join(', ')}; `
        + `machine load average ${run.loadAverage.toFixed(2)}`);
    if (run.instances.length > 1) {
        for (const i of run.instances) {
            lines.push(`    ${i.instanceId}: ${i.pbxsHeld} PBXs read, ${int(i.events)} events, CPU ${f1((100 * i.meter.cpuMs) / i.meter.wallMs)} %, `
                + `RSS ${f1(i.idleRssBytes / MB)} → ${f1(i.meter.peakRssBytes / MB)} MB`);
        }
    }
    return lines.join('\n');
}
/** How cost grows with PBXs: the runs by PBX count, and each one's cost per PBX beyond the smallest run. */
export function formatGrowth(runs) {
    const sorted = [...runs].sort((a, b) => a.pbxs - b.pbxs);
    const base = sorted[0];
    if (!base || sorted.length < 2)
        return '';
    const b = figures(base);
    const header = '  PBXs  tenants  events/s    p50 ms  p99 ms  CPU %  RSS idle MB  RSS peak MB  per extra PBX: RSS idle  RSS peak  CPU %';
    const rows = sorted.map((run) => {
        const f = figures(run);
        const extra = run.pbxs - base.pbxs;
        const per = (x, y) => (extra > 0 ? ((x - y) / extra).toFixed(2) : '—');
        return `  ${String(run.pbxs).padStart(4)}  ${String(run.tenants).padStart(7)}  ${int(f.eventsPerSec).padStart(8)}  ${f.p50Ms.toFixed(2).padStart(8)}  `
            + `${f1(f.p99Ms).padStart(6)}  ${f1(f.cpuPercent).padStart(5)}  ${f1(f.idleRssMb).padStart(11)}  ${f1(f.peakRssMb).padStart(11)}  `
            + `${per(f.idleRssMb, b.idleRssMb).padStart(22)}  ${per(f.peakRssMb, b.peakRssMb).padStart(8)}  ${per(f.cpuPercent, b.cpuPercent).padStart(5)}`;
    });
    return ['how cost grows with PBXs (one instance):', header, ...rows].join('\n');
}
export function formatVerdicts(main) {
    const f = figures(main);
    const ok = (pass) => (pass ? 'PASS' : 'MISS');
    return [
        `targets (issue 16 point 6, ${main.label}): p99 ≤ ${SCALE_TARGETS.p99Ms} ms, RSS ≤ ${SCALE_TARGETS.rssMb} MB per instance`,
        `  ${ok(f.p99Ms <= SCALE_TARGETS.p99Ms)} p99 frame → job ${f1(f.p99Ms)} ms (≤ ${SCALE_TARGETS.p99Ms} ms)`,
        `  ${ok(f.peakRssMb <= SCALE_TARGETS.rssMb)} peak RSS ${f1(f.peakRssMb)} MB (≤ ${SCALE_TARGETS.rssMb} MB)`,
        `  ${ok(f.complete)} every frame read and every call event stored, none dropped`,
    ].join('\n');
}
