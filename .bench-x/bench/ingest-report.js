import { percentile } from './run-meter.js';
export const TARGETS = { eventsPerSec: 20_000, p99Ms: 20, rssMb: 150 };
const MB = 1024 * 1024;
function int(n) {
    return Math.round(n).toLocaleString('en-US');
}
function ms(n) {
    return n < 10 ? n.toFixed(2) : n.toFixed(1);
}
function rows(table) {
    const width = (i) => Math.max(...table.map((r) => r[i]?.length ?? 0));
    const w = [width(0), width(1), width(2), width(3)];
    return table.map((r) => `  ${r[0].padEnd(w[0] ?? 0)}  ${r[1].padStart(w[1] ?? 0)}  ${r[2].padStart(w[2] ?? 0)}  ${r[3].padStart(w[3] ?? 0)}`).join('\n');
}
function verdict(ok) {
    return ok ? 'PASS' : 'MISS';
}
function figures(p) {
    return {
        eventsPerSec: (p.events / p.endToEndMs) * 1000, rssMb: p.peakRssBytes / MB,
        jobs: Float64Array.from(p.jobLatencyMs).sort(), quiet: Float64Array.from(p.trackerOnlyMs).sort(),
    };
}
function pipelineRows(s, p, fs, fp) {
    const both = (f) => [f(s, fs), p && fp ? f(p, fp) : '—'];
    const row = (name, f, ref = '') => [name, ...both(f), ref];
    return [
        row('events', (r) => int(r.events)),
        row('events/s, first delivered → last job in Redis', (_r, x) => int(x.eventsPerSec)),
        row('CPU, % of one core (process, incl. GC threads)', (r) => `${Math.round((r.cpuMs / r.endToEndMs) * 100)} %`),
        row('events per CPU-second', (r) => int(perCpuSecond(r))),
        row('calls/s (ended)', (r) => int((r.callsEnded / r.endToEndMs) * 1000)),
        row('CallEvent jobs enqueued', (r) => int(r.callEvents)),
        row('p50 frame → job in Redis, ms', (_r, x) => ms(percentile(x.jobs, 50))),
        row('p99 frame → job in Redis, ms', (_r, x) => ms(percentile(x.jobs, 99))),
        row('max frame → job in Redis, ms', (_r, x) => ms(x.jobs[x.jobs.length - 1] ?? 0)),
        row('p50 / p99 no-job events → tracker done, ms', (_r, x) => `${ms(percentile(x.quiet, 50))} / ${ms(percentile(x.quiet, 99))}`),
        row('event-loop delay beyond the 10 ms tick, p99 / max, ms', (r) => `${ms(r.loopDelayP99Ms)} / ${ms(r.loopDelayMaxMs)}`),
        row('involuntary context switches (CPU taken by others)', (r) => int(r.involuntaryContextSwitches)),
        row('peak open calls in the tracker', (r) => int(r.peakOpenCalls)),
        row('RSS at the first event, MB', (r) => (r.startRssBytes / MB).toFixed(0)),
        row('peak RSS, MB', (_r, x) => x.rssMb.toFixed(0)),
        row('dropped from the event buffer', (r) => int(r.droppedFromBuffer)),
    ];
}
function costLines(c, saveEveryMs) {
    return [
        `  in-process, no I/O: CallTracker.apply ${c.applyUsPerEvent.toFixed(1)} µs/event; our frame reader (AmiFrameReader + toAmiEvent) ${c.parseUsPerFrame.toFixed(1)} µs/frame`,
        `  full tracker state write with ${int(c.openCalls)} calls open: ${ms(c.fullWriteMs)} ms, ${(c.fullWriteBytes / MB).toFixed(1)} MB`
            + ' (only the first write after taking the lease; later writes carry the changed calls only;'
            + ` a full write every ${int(saveEveryMs)} ms would take ${Math.round((c.fullWriteMs / saveEveryMs) * 100)} % of a core)`,
    ];
}
/** The run with the median p99 (the lower middle one for an even count); null without runs. */
function medianRun(runs) {
    const all = runs.map((run) => ({ run, figures: figures(run) }));
    const sorted = [...all].sort((a, b) => percentile(a.figures.jobs, 99) - percentile(b.figures.jobs, 99));
    return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}
/** Events per CPU-second (user + system) of one measured process. */
export function perCpuSecond(r) {
    return r.cpuMs > 0 ? (r.events / r.cpuMs) * 1000 : 0;
}
/** The run with the median events per CPU-second (the lower middle one for an even count). */
function medianByCpu(runs) {
    const mid = [...runs].sort((a, b) => perCpuSecond(a) - perCpuSecond(b))[Math.floor((runs.length - 1) / 2)];
    if (!mid)
        throw new Error('no saturated or reference run');
    return mid;
}
function cpuLines(input, ours, theirs) {
    const each = (runs) => runs.map((r) => int(perCpuSecond(r))).join(' / ');
    const usPerEvent = (v) => (v > 0 ? (1e6 / v).toFixed(1) : '?');
    return [
        `  events per CPU-second, saturated, run by run (pipeline and reference alternated): ours ${each(input.saturated)}; asterisk-manager ${each(input.reference)}`,
        `  medians: ours ${int(ours)} (${usPerEvent(ours)} µs of CPU per event), asterisk-manager ${int(theirs)} (${usPerEvent(theirs)} µs): ${((ours / theirs) * 100).toFixed(0)} %`,
    ];
}
export function formatIngestReport(input) {
    const s = medianByCpu(input.saturated);
    const r = medianByCpu(input.reference);
    const fs = figures(s);
    const paced = medianRun(input.paced);
    const p = paced?.run ?? null;
    const fp = paced?.figures ?? null;
    const pacedAll = input.paced.map(figures);
    const ours = perCpuSecond(s);
    const theirs = perCpuSecond(r);
    const refPerSec = (r.events / r.streamMs) * 1000;
    const reference = new Map([
        ['events', int(r.events)],
        ['events/s, first delivered → last job in Redis', int(refPerSec)],
        ['CPU, % of one core (process, incl. GC threads)', `${Math.round((r.cpuMs / r.streamMs) * 100)} %`],
        ['events per CPU-second', int(theirs)],
        ['event-loop delay beyond the 10 ms tick, p99 / max, ms', `${ms(r.loopDelayP99Ms)} / ${ms(r.loopDelayMaxMs)}`],
        ['involuntary context switches (CPU taken by others)', int(r.involuntaryContextSwitches)],
        ['RSS at the first event, MB', (r.startRssBytes / MB).toFixed(0)],
        ['peak RSS, MB', (r.peakRssBytes / MB).toFixed(0)],
    ]);
    const table = pipelineRows(s, p, fs, fp).map((row) => [row[0], row[1], row[2], reference.get(row[0]) ?? '']);
    return [
        '',
        `ingest: ${int(input.calls)} concurrent calls over TCP → AmiConnection → CallIngest (CallTracker) → CallEventQueue → Redis`,
        rows([['', 'saturated', `paced ${int(input.pacedEventsPerSec)}/s`, 'asterisk-manager alone'], ...table]),
        `  per-call trace (TraceBuffer): ${!input.trace ? 'off' : input.traceAmi === false ? 'calls only, no AMI events (CALL_TRACE_AMI=false)' : 'on, as the daemon runs by default'}`,
        `  ratio ours / reference (saturated events/s): ${((fs.eventsPerSec / refPerSec) * 100).toFixed(0)} %`,
        ...cpuLines(input, ours, theirs),
        ...(pacedAll.length > 0 ? [`  paced runs (each in a fresh process; the column is the median one): p99 ${pacedAll.map((f) => ms(percentile(f.jobs, 99))).join(' / ')} ms,`
                + ` p50 ${pacedAll.map((f) => ms(percentile(f.jobs, 50))).join(' / ')} ms, peak RSS ${pacedAll.map((f) => f.rssMb.toFixed(0)).join(' / ')} MB`] : []),
        `  node flags of the measured processes: ${input.nodeFlags.join(' ') || '(none)'} (as \`npm start\` and the Docker image run the daemon)`,
        '  no-job p99 when saturated = events CallIngest held while the connect-time CoreShowChannels answer queued behind the flood',
        ...costLines(input.cost, input.saveEveryMs),
        '',
        'targets (issue 2 point 10, issue 16 point 6):',
        ...targetLines(input, fs, pacedAll, fp),
        `  ${verdict(ours >= theirs)} events per CPU-second ≥ the bare asterisk-manager client's on the same stream: ${int(ours)} against ${int(theirs)}`
            + ` (medians of ${input.saturated.length} runs each)`,
    ].join('\n');
}
function targetLines(input, fs, pacedAll, fp) {
    const lines = [`  ${verdict(fs.eventsPerSec >= TARGETS.eventsPerSec)} ≥ ${int(TARGETS.eventsPerSec)} events/s end to end on one core: ${int(fs.eventsPerSec)} saturated`];
    if (!fp)
        return [...lines, `  (paced runs skipped: p99 and paced RSS not measured; saturated p99 ${ms(percentile(fs.jobs, 99))} ms, peak RSS ${fs.rssMb.toFixed(0)} MB)`];
    const p99 = percentile(fp.jobs, 99);
    const maxRssMb = Math.max(fs.rssMb, ...pacedAll.map((f) => f.rssMb));
    const pacedRss = Math.max(...pacedAll.map((f) => f.rssMb));
    return [
        ...lines,
        `  ${verdict(p99 < TARGETS.p99Ms)} p99 frame → job < ${TARGETS.p99Ms} ms at ${int(input.pacedEventsPerSec)} events/s with ${int(input.calls)} calls open: ${ms(p99)} ms`
            + ` (median of ${input.paced.length} runs; saturated ${ms(percentile(fs.jobs, 99))} ms)`,
        `  ${verdict(maxRssMb < TARGETS.rssMb)} peak RSS < ${TARGETS.rssMb} MB: ${pacedRss.toFixed(0)} MB paced (highest run), ${fs.rssMb.toFixed(0)} MB saturated`,
    ];
}
