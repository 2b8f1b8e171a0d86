import { readTranscript } from './test/support/read-transcript.ts';
import { CallTracker } from './src/calls/call-tracker.ts';
const file = process.argv[2]!;
const caco = file.startsWith('cacofonisk');
const opts = caco ? { defaultCountry: 'NL', internalMaxLength: 4, trunkChannelPatterns: ['^SIP/voipgrid-siproute'], trunkContextPatterns: ['^voipgrid_in$', '^world_out$'] }
  : { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'] };
const t = new CallTracker(opts);
const evs = await readTranscript(file);
const t0 = evs.find(e => e.name === 'Newchannel')?.timeMs ?? 0;
for (const e of evs) for (const c of t.apply(e)) {
  const s = c.call;
  const base = `${((c.atMs - t0)/1000).toFixed(1)} ${c.stage}#${c.seq} ${s.id.slice(-8)} ${s.direction} ext=${s.externalNumber} line=${s.line} cx=${s.callerExtension}`;
  if (c.stage === 'ringing') console.log(base, 'targets', c.ringingTargets);
  else if (c.stage === 'ended') console.log(base, `rang=${JSON.stringify(s.rang.map(r=>r.target+':'+r.outcome))} ans=${s.answeredBy} tr=${JSON.stringify(s.transfers.map(x=>x.kind+':'+x.fromExtension+'>'+x.toTarget))} q=${s.queue} disp=${s.disposition} cause=${s.hangupCause} ring=${s.ringDurationSec} talk=${s.talkDurationSec} rec=${s.recordingFile} crm=${s.crmCallId} why=${c.endReason}${c.mergedInto ? '>' + c.mergedInto.slice(-8) : ''}`);
  else if (c.stage === 'transferred') console.log(base, JSON.stringify(s.transfers.at(-1)));
  else console.log(base, 'by', s.answeredBy);
}
console.log('open', t.openCallCount);
