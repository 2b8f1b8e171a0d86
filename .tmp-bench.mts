import { readTranscript } from './test/support/read-transcript.ts';
import { CallTracker } from './src/calls/call-tracker.ts';
import { transcriptNames, optionsFor } from './test/unit/calls/tracker-harness.ts';
import type { AmiEvent } from './src/pbx/ami-event.ts';
const ID_KEYS = /(uniqueid|linkedid)$/;
const base: AmiEvent[] = [];
for (const n of transcriptNames().filter(n => !n.startsWith('cacofonisk/'))) base.push(...await readTranscript(n + '.ami'));
const REPS = 40;
const stream: AmiEvent[] = [];
for (let r = 0; r < REPS; r++) for (const ev of base) {
  const fields: Record<string, string> = {};
  for (const k in ev.fields) fields[k] = ID_KEYS.test(k) && ev.fields[k] ? `r${r}-${ev.fields[k]}` : ev.fields[k]!;
  stream.push({ ...ev, fields });
}
const opts = optionsFor('inbound-answered');
for (let warm = 0; warm < 2; warm++) { const t = new CallTracker(opts); for (const ev of stream) t.apply(ev); }
const t = new CallTracker(opts);
let emitted = 0;
const t0 = performance.now();
for (const ev of stream) emitted += t.apply(ev).length;
const ms = performance.now() - t0;
console.log(`${stream.length} events, ${emitted} call events, ${ms.toFixed(0)} ms, ${(stream.length / ms * 1000).toFixed(0)} events/s, open=${t.openCallCount}`);
// interleaved: 40 calls in parallel
const inter: AmiEvent[] = [];
const per = base.length;
for (let i = 0; i < per; i++) for (let r = 0; r < REPS; r++) { const ev = stream[r * per + i]; if (ev) inter.push(ev); }
const t2 = new CallTracker(opts); const t1 = performance.now(); for (const ev of inter) t2.apply(ev); const ms2 = performance.now() - t1;
console.log(`interleaved: ${(inter.length / ms2 * 1000).toFixed(0)} events/s, open=${t2.openCallCount}`);
