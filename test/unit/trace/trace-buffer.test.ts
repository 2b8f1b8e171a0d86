import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { AmiEvent } from '../../../src/pbx/ami-event.js';
import { TraceBuffer } from '../../../src/trace/trace-buffer.js';
import { BlockPool } from '../../../src/trace/trace-blocks.js';
import { readEntries, type TraceEntry } from '../../../src/trace/trace-entries.js';
import { aCall, aCallEvent } from '../../../harness/call-builders.js';

function amiEvent(name: string, fields: Record<string, string> = {}, vars: Record<string, string> = {}): AmiEvent {
  return { name, fields: { privilege: 'call,all', linkedid: 'c1', ...fields }, multi: {}, vars, timeMs: 1000 };
}

interface Appended { readonly callId: string; readonly list: string; readonly entries: TraceEntry[]; readonly trim: boolean }

/** A sink that keeps what it is given, read back as CallTraceStore.read does; `drained()` drains the buffer into it. */
function recordingSink() {
  const sunk: Appended[] = [];
  const sink = { append: (_tx: ChainableCommander, callId: string, list: string, chunks: readonly string[], trim: boolean) => {
    if (chunks.length === 0) return;
    const entries: TraceEntry[] = [];
    for (const chunk of chunks) readEntries(chunk, entries, 1e9);
    sunk.push({ callId, list, entries, trim });
  } };
  const tx = {} as ChainableCommander; // the sink never touches it
  return {
    sink,
    drained: (buffer: TraceBuffer, calls?: Iterable<string>) => { buffer.drainInto(tx, calls); return sunk.splice(0); },
    /** Periodic saves until nothing is held: each takes at most 2,000 entries. */
    drainedAll: (buffer: TraceBuffer) => { for (let i = 0; buffer.hasPending && i < 1000; i += 1) buffer.drainInto(tx); return sunk.splice(0); },
  };
}

describe('TraceBuffer', () => {
  it('keeps the events of tracked calls without dialplan chatter, and the tracker decisions, until drained once', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    buffer.amiEvent('c1', amiEvent('Newchannel', { channel: 'PJSIP/201-1' }));
    buffer.amiEvent('c1', amiEvent('Newexten'));
    buffer.amiEvent('c1', amiEvent('VarSet'));
    buffer.amiEvent('c1', amiEvent('VarSet', {}, { __CRM_CALL_ID: 'x' }));
    buffer.amiEvent(null, amiEvent('Hangup'));
    const call = aCall({ id: 'c2', disposition: 'answered', answeredBy: '202' });
    buffer.callEvent(aCallEvent('ended', call, 3, { endReason: 'merged', mergedInto: 'c1' }));
    expect(buffer.hasPending).toBe(true);
    expect(drained(buffer).map(({ callId, list, entries }) => [callId, list, entries])).toEqual([
      ['c1', 'ami', [{ kind: 'ami', atMs: 1000, event: 'Newchannel', fields: { linkedid: 'c1', channel: 'PJSIP/201-1' } }, expect.objectContaining({ event: 'VarSet' })]],
      ['c1', 'log', [expect.objectContaining({ kind: 'merged-from', callId: 'c2' })]],
      ['c2', 'log', [expect.objectContaining({ kind: 'tracker', stage: 'ended', seq: 3, endReason: 'merged', mergedInto: 'c1', answeredBy: '202' })]],
    ]);
    expect(buffer.hasPending).toBe(false);
    expect(drained(buffer)).toEqual([]);
  });

  it('with CALL_TRACE_AMI off keeps the call events and decisions but no AMI event', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { amiEvents: false, pool: new BlockPool() });
    expect(buffer.recordsAmi).toBe(false);
    buffer.amiEvent('c1', amiEvent('Newchannel', { channel: 'PJSIP/201-1' }), 'Event: Newchannel\r\nLinkedid: c1\r\n');
    expect(buffer.hasPending).toBe(false);
    buffer.callEvent(aCallEvent('ringing', aCall({ id: 'c1' })));
    const lists = drained(buffer).map(({ callId, list }) => `${callId}:${list}`);
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((l) => !l.endsWith(':ami'))).toBe(true);
  });

  it('reads back an event stored as its JSON without privilege, wherever privilege stands', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    const layouts: Array<Record<string, string>> = [
      { event: 'Newstate', privilege: 'call,all', linkedid: 'c1', channel: 'PJSIP/201-1' },
      { event: 'Newstate', privilege: 'a"b\\,', linkedid: 'c1' },
      { event: 'Newstate', privilege: 'call,all' },
      { privilege: 'call,all', event: 'Newstate', linkedid: 'c1' },
      { linkedid: 'c1', event: 'Newstate', privilege: 'call' },
      { event: 'Newstate', linkedid: 'c1', calleridname: 'Иван "Ваня" \\ Петров\u2028' },
    ];
    for (const fields of layouts) buffer.amiEvent('c1', { name: 'Newstate', fields, multi: {}, vars: {}, timeMs: 5 });
    const [ami] = drained(buffer);
    expect(ami?.entries).toEqual(layouts.map((fields) => {
      const { privilege: _p, ...kept } = fields;
      return { kind: 'ami', atMs: 5, event: 'Newstate', fields: kept };
    }));
  });

  it('stores a live event as its frame text and reads it back as the same entry as its JSON', () => {
    const text = 'Event: Newstate\r\nPrivilege: call,all\r\nChannel: PJSIP/201-00000001\r\nCallerIDName: <unknown>\r\n'
      + 'CallerIDName: second\r\nConnectedLineName: Мария\r\nLinkedid: c1\r\n';
    const fields = { event: 'Newstate', privilege: 'call,all', channel: 'PJSIP/201-00000001', calleridname: '', connectedlinename: 'Мария', linkedid: 'c1' };
    const ev: AmiEvent = { name: 'Newstate', fields, multi: { calleridname: ['', 'second'] }, vars: {}, timeMs: 1_795_000_000_123.5 };
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    buffer.amiEvent('c1', ev, text);
    buffer.amiEvent('c1', ev, text.replaceAll('\r\n', '\n')); // LF-only lines, as some proxies send
    buffer.amiEvent('c1', ev); // held during a resync: no text, stored as JSON
    const [ami] = drained(buffer);
    const { privilege: _p, ...kept } = fields;
    const entry = { kind: 'ami', atMs: 1_795_000_000_123.5, event: 'Newstate', fields: kept };
    expect(ami?.entries).toEqual([entry, entry, entry]);
  });

  it('gives a write for some calls only their entries; the rest wait for a write of every call', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    buffer.amiEvent('c1', amiEvent('Newchannel'));
    buffer.amiEvent('c2', amiEvent('Newchannel', { linkedid: 'c2' }));
    buffer.amiEvent('c2', amiEvent('Hangup', { linkedid: 'c2' }));
    expect(drained(buffer, new Set(['c2', 'c3'])).map((a) => `${a.callId}:${a.list}:${a.entries.length}`)).toEqual(['c2:ami:2']);
    expect(buffer.hasPending).toBe(true);
    expect(drained(buffer).map((a) => `${a.callId}:${a.list}:${a.entries.length}`)).toEqual(['c1:ami:1']);
    expect(buffer.hasPending).toBe(false);
  });

  it('trims each list on its first append, after the call\'s end and after a failed write only', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    const trims = () => drained(buffer).map((a) => `${a.list}:${a.trim}`);
    buffer.callEvent(aCallEvent('ringing', aCall({ id: 'c1' }), 0)); // an adopted call: its log is written first
    expect(trims()).toEqual(['log:true']);
    buffer.amiEvent('c1', amiEvent('Newchannel'));
    expect(trims()).toEqual(['ami:true']); // the ami list's first append trims too
    buffer.amiEvent('c1', amiEvent('Newstate'));
    expect(trims()).toEqual(['ami:false']);
    buffer.writeFailed(); // that write was lost
    buffer.amiEvent('c1', amiEvent('Newstate'));
    expect(trims()).toEqual(['ami:true']);
    buffer.amiEvent('c1', amiEvent('Hangup'));
    buffer.callEvent(aCallEvent('ended', aCall({ id: 'c1' }), 4));
    expect(trims()).toEqual(['ami:true', 'log:true']);
    buffer.amiEvent('c1', amiEvent('Cdr')); // a late event: the call is new to the buffer again
    expect(trims()).toEqual(['ami:true']);
  });

  it('takes only the first maxEntries AMI events of a call, as its list keeps', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { maxEntries: 5, pool: new BlockPool() });
    for (let i = 0; i < 8; i += 1) buffer.amiEvent('c1', amiEvent('Newstate', { n: String(i) }));
    drained(buffer);
    for (let i = 8; i < 12; i += 1) buffer.amiEvent('c1', amiEvent('Newstate', { n: String(i) }));
    expect(buffer.hasPending).toBe(false);
    expect(buffer.dropped).toBe(0);
    buffer.amiEvent('c2', amiEvent('Newstate', { linkedid: 'c2' }));
    expect(drained(buffer).map((a) => a.callId)).toEqual(['c2']);
  });

  it('holds a bounded number of entries while they cannot be written, dropping and counting the rest', () => {
    const { sink, drained, drainedAll } = recordingSink();
    const buffer = new TraceBuffer(sink, { pool: new BlockPool() });
    for (let i = 0; i < 50_010; i += 1) buffer.amiEvent(`c${i % 1000}`, amiEvent('Newstate'));
    expect(buffer.dropped).toBe(10);
    expect(drained(buffer).reduce((n, a) => n + a.entries.length, 0)).toBe(2000); // one write carries a slice
    const taken = 2000 + drainedAll(buffer).reduce((n, a) => n + a.entries.length, 0);
    expect(taken).toBe(50_000);
  });

  it('drops and counts entries past its share of blocks, leaves other buffers theirs, and takes again once written', () => {
    const { sink, drainedAll } = recordingSink();
    const pool = new BlockPool();
    const buffer = new TraceBuffer(sink, { pool, maxEntries: 1e9 });
    const other = new TraceBuffer(sink, { pool, maxEntries: 1e9 });
    const big = 'x'.repeat(1000);
    let i = 0;
    while (buffer.dropped === 0 && i < 200_000) { buffer.amiEvent(`c${i % 10}`, amiEvent('Newstate', { big })); i += 1; }
    expect(buffer.dropped).toBe(1);
    expect(buffer.blocksHeld).toBe(4096);
    other.amiEvent('c1', amiEvent('Newstate', { big })); // another PBX still gets blocks
    expect(other.dropped).toBe(0);
    expect(other.hasPending).toBe(true);
    const taken = drainedAll(buffer).reduce((n, a) => n + a.entries.length, 0);
    expect(taken).toBe(i - 1);
    expect(buffer.blocksHeld).toBe(0);
    buffer.amiEvent('c1', amiEvent('Newstate'));
    expect(buffer.dropped).toBe(1);
    expect(buffer.hasPending).toBe(true);
  });

  it('gives its blocks back when it is closed with entries held', () => {
    const pool = new BlockPool();
    const buffer = new TraceBuffer({ append: () => undefined }, { pool });
    for (let i = 0; i < 3000; i += 1) buffer.amiEvent(`c${i % 100}`, amiEvent('Newstate', { n: String(i) }));
    expect(buffer.blocksHeld).toBe(100); // one block per call
    buffer.close();
    expect(buffer.blocksHeld).toBe(0);
    expect(buffer.hasPending).toBe(false);
    expect(pool.sizes.free).toBe(pool.sizes.allocated);
  });
});
