import { readFileSync, existsSync } from 'node:fs';
import { readTranscript } from './test/support/read-transcript.ts';
import { CallTracker } from './src/calls/call-tracker.ts';
import { CACOFONISK, transcriptNames, replay, endedCalls } from './test/unit/calls/tracker-harness.ts';
for (const name of transcriptNames().filter(n => n.startsWith('cacofonisk/'))) {
  const p = `test/unit/calls/expected-cacofonisk/${name.slice(11)}.json`;
  if (!existsSync(p)) { console.log(name, 'NO SUMMARY'); continue; }
  const theirs = JSON.parse(readFileSync(p, 'utf8'));
  const out = replay(new CallTracker(CACOFONISK), await readTranscript(`${name}.ami`));
  const mine = endedCalls(out).filter(e => e.endReason !== 'merged').sort((a,b)=>a.call.startedAtMs-b.call.startedAtMs).map(e => ({
    direction: e.call.direction, externalNumber: e.call.externalNumber, callerExtension: e.call.callerExtension,
    rang: [...new Set(e.call.rang.map(r => r.target))].sort(), answeredBy: e.call.answeredBy, disposition: e.call.disposition,
    transfers: e.call.transfers.map(t => t.kind), queue: e.call.queue }));
  if (mine.length !== theirs.length) { console.log(name, 'COUNT', mine.length, theirs.length); continue; }
  mine.forEach((m: any, i: number) => { const t = theirs[i]; for (const k of Object.keys(m)) { const a = JSON.stringify(m[k]), b = JSON.stringify(k==='rang'?[...t[k]].sort():t[k]); if (a !== b) console.log(`${name.slice(11)} [${i}] ${k}: mine=${a} theirs=${b}`); } });
}
