/** Formats bench/ingest results as a table plus the targets (issue 2 point 10). */
import type { PipelineResult } from './pipeline-run.js';
import type { ReferenceResult } from './reference-run.js';
import { percentile } from './run-meter.js';
import type { TrackerCost } from './tracker-cost.js';

export interface IngestReportInput {
  readonly calls: number;
  readonly pacedEventsPerSec: number;
  readonly saturated: PipelineResult;
  /** The paced run repeated (machine noise); the table shows the run with the median p99. */
  readonly paced: readonly PipelineResult[];
  readonly reference: ReferenceResult;
  readonly saveEveryMs: number;
  readonly cost: TrackerCost;
  readonly nodeFlags: readonly string[];
}

export const TARGETS = { eventsPerSec: 20_000, p99Ms: 20, rssMb: 150 } as const;

const MB = 1024 * 1024;

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function ms(n: number): string {
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

type Row = readonly [string, string, string, string];

function rows(table: readonly Row[]): string {
  const width = (i: number) => Math.max(...table.map((r) => r[i]?.length ?? 0));
  const w = [width(0), width(1), width(2), width(3)];
  return table.map((r) => `  ${r[0].padEnd(w[0] ?? 0)}  ${r[1].padStart(w[1] ?? 0)}  ${r[2].padStart(w[2] ?? 0)}  ${r[3].padStart(w[3] ?? 0)}`).join('\n');
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

interface Figures {
  readonly eventsPerSec: number;
  readonly jobs: Float64Array;
  readonly quiet: Float64Array;
  readonly rssMb: number;
}

function figures(p: PipelineResult): Figures {
  return {
    eventsPerSec: (p.events / p.endToEndMs) * 1000, rssMb: p.peakRssBytes / MB,
    jobs: Float64Array.from(p.jobLatencyMs).sort(), quiet: Float64Array.from(p.trackerOnlyMs).sort(),
  };
}

function pipelineRows(s: PipelineResult, p: PipelineResult, fs: Figures, fp: Figures): Row[] {
  const both = (f: (r: PipelineResult, x: Figures) => string): [string, string] => [f(s, fs), f(p, fp)];
  const row = (name: string, f: (r: PipelineResult, x: Figures) => string, ref = ''): Row => [name, ...both(f), ref];
  return [
    row('events', (r) => int(r.events)),
    row('events/s, first delivered → last job in Redis', (_r, x) => int(x.eventsPerSec)),
    row('CPU, % of one core (process, incl. GC threads)', (r) => `${Math.round((r.cpuMs / r.endToEndMs) * 100)} %`),
    row('events per CPU-second', (r) => int((r.events / r.cpuMs) * 1000)),
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

function costLines(c: TrackerCost, saveEveryMs: number): string[] {
  return [
    `  in-process, no I/O: CallTracker.apply ${c.applyUsPerEvent.toFixed(1)} µs/event; our frame reader (AmiFrameReader + toAmiEvent) ${c.parseUsPerFrame.toFixed(1)} µs/frame`,
    `  full tracker state write with ${int(c.openCalls)} calls open: ${ms(c.fullWriteMs)} ms, ${(c.fullWriteBytes / MB).toFixed(1)} MB`
      + ' (only the first write after taking the lease; later writes carry the changed calls only;'
      + ` a full write every ${int(saveEveryMs)} ms would take ${Math.round((c.fullWriteMs / saveEveryMs) * 100)} % of a core)`,
  ];
}

/** The run with the median p99 (the lower middle one for an even count). */
function medianRun(runs: readonly PipelineResult[]): { run: PipelineResult; figures: Figures } {
  const all = runs.map((run) => ({ run, figures: figures(run) }));
  const sorted = [...all].sort((a, b) => percentile(a.figures.jobs, 99) - percentile(b.figures.jobs, 99));
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!mid) throw new Error('no paced run');
  return mid;
}

export function formatIngestReport(input: IngestReportInput): string {
  const { saturated: s, reference: r } = input;
  const fs = figures(s);
  const { run: p, figures: fp } = medianRun(input.paced);
  const pacedAll = input.paced.map(figures);
  const refPerSec = (r.events / r.streamMs) * 1000;
  const reference = new Map<string, string>([
    ['events', int(r.events)],
    ['events/s, first delivered → last job in Redis', int(refPerSec)],
    ['CPU, % of one core (process, incl. GC threads)', `${Math.round((r.cpuMs / r.streamMs) * 100)} %`],
    ['events per CPU-second', int((r.events / r.cpuMs) * 1000)],
    ['event-loop delay beyond the 10 ms tick, p99 / max, ms', `${ms(r.loopDelayP99Ms)} / ${ms(r.loopDelayMaxMs)}`],
    ['involuntary context switches (CPU taken by others)', int(r.involuntaryContextSwitches)],
    ['RSS at the first event, MB', (r.startRssBytes / MB).toFixed(0)],
    ['peak RSS, MB', (r.peakRssBytes / MB).toFixed(0)],
  ]);
  const table: Row[] = pipelineRows(s, p, fs, fp).map((row) => [row[0], row[1], row[2], reference.get(row[0]) ?? '']);
  const p99 = percentile(fp.jobs, 99);
  const maxRssMb = Math.max(fs.rssMb, ...pacedAll.map((f) => f.rssMb));
  const pacedRss = Math.max(...pacedAll.map((f) => f.rssMb));
  return [
    '',
    `ingest: ${int(input.calls)} concurrent calls over TCP → AmiConnection → CallIngest (CallTracker) → CallEventQueue → Redis`,
    rows([['', 'saturated', `paced ${int(input.pacedEventsPerSec)}/s`, 'asterisk-manager alone'], ...table]),
    `  ratio ours / reference (saturated events/s): ${((fs.eventsPerSec / refPerSec) * 100).toFixed(0)} %`,
    `  paced runs (each in a fresh process; the column is the median one): p99 ${pacedAll.map((f) => ms(percentile(f.jobs, 99))).join(' / ')} ms,`
      + ` p50 ${pacedAll.map((f) => ms(percentile(f.jobs, 50))).join(' / ')} ms, peak RSS ${pacedAll.map((f) => f.rssMb.toFixed(0)).join(' / ')} MB`,
    `  node flags of the measured processes: ${input.nodeFlags.join(' ') || '(none)'} (as \`npm start\` and the Docker image run the daemon)`,
    '  no-job p99 when saturated = events CallIngest held while the connect-time CoreShowChannels answer queued behind the flood',
    ...costLines(input.cost, input.saveEveryMs),
    '',
    'targets (issue 2 point 10):',
    `  ${verdict(fs.eventsPerSec >= TARGETS.eventsPerSec)} ≥ ${int(TARGETS.eventsPerSec)} events/s end to end on one core: ${int(fs.eventsPerSec)} saturated`,
    `  ${verdict(p99 < TARGETS.p99Ms)} p99 frame → job < ${TARGETS.p99Ms} ms at ${int(input.pacedEventsPerSec)} events/s with ${int(input.calls)} calls open: ${ms(p99)} ms`
      + ` (median of ${input.paced.length} runs; saturated ${ms(percentile(fs.jobs, 99))} ms)`,
    `  ${verdict(maxRssMb < TARGETS.rssMb)} peak RSS < ${TARGETS.rssMb} MB: ${pacedRss.toFixed(0)} MB paced (highest run), ${fs.rssMb.toFixed(0)} MB saturated`,
  ].join('\n');
}
