import { readTranscript } from './test/support/read-transcript.ts';
for (const f of ['inbound-answered','inbound-missed','inbound-missed-timeout','inbound-busy','inbound-operator-hangup','inbound-queue','outbound','blind-transfer','attended-transfer','click-to-call','recorded-call','inbound-crm-lookup']) {
  const evs = await readTranscript(f + '.ami');
  const t0 = evs.find(e => e.name === 'Newchannel')!.timeMs;
  const rel = (e: any) => ((e.timeMs - t0) / 1000).toFixed(3);
  const answers = evs.filter(e => (e.name === 'DialEnd' && e.fields.dialstatus === 'ANSWER') || e.name === 'AgentConnect').map(e => `${e.name}->${(e.fields.destchannel ?? '').replace(/-[0-9a-f]+;/, ';')}@${rel(e)}`);
  const hangups = evs.filter(e => e.name === 'Hangup');
  console.log(f, 'answers:', answers.join(' '), '| lastHangup', rel(hangups.at(-1)));
}
