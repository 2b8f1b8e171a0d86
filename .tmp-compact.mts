import { readTranscript } from './test/support/read-transcript.ts';
const file = process.argv[2]!;
const evs = await readTranscript(file);
const nm = (c?: string) => (c ?? '').replace(/-[0-9a-f]{8}(;\d)?$/, '$1').replace('osvpi_route_phoneaccount','rpa').replace('voipgrid-siproute-docker','TRUNK');
let first = true;
for (const e of evs) {
  const f = e.fields;
  if (e.name === 'Newchannel' && first) { first = false; console.log(`  first ${nm(f.channel)} ctx=${f.context} ex=${f.exten} cid=${f.calleridnum} L=${f.linkedid}`); }
  if (e.name === 'DialBegin') console.log(`  DB ${nm(f.channel) || '(orig)'}[${f.calleridnum ?? ''}] -> ${nm(f.destchannel)}[${f.destcalleridnum}] st=${f.deststatedesc ?? f.destchannelstatedesc}`);
  if (e.name === 'DialEnd') console.log(`  DE ${nm(f.channel) || '(orig)'} -> ${nm(f.destchannel)} ${f.dialstatus}${f.forward ? ' fwd=' + f.forward : ''}`);
  if (/Transfer|Pickup|Queue|Agent/.test(e.name) && !/QueueMemberStatus/.test(e.name)) console.log(`  ${e.name} ${f.result ?? ''} ${f.extension ?? ''} tr=${nm(f.transfererchannel ?? f.origtransfererchannel)} 2nd=${nm(f.secondtransfererchannel)} ${f.desttype ?? ''}`);
  if (e.name === 'Hangup' && !/^Local/.test(f.channel ?? '')) console.log(`  HU ${nm(f.channel)} cause=${f.cause}`);
  if (e.name === 'VarSet' && /MIXMON|REC_FILE|CRM/.test(f.variable ?? '')) console.log(`  VarSet ${f.variable}=${f.value}`);
  if (e.name === 'UserEvent') console.log(`  UserEvent ${f.userevent}`);
}
