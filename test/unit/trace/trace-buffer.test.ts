import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { AmiEvent } from '../../../src/pbx/ami-event.js';
import { TraceBuffer } from '../../../src/trace/trace-buffer.js';
import { aCall, aCallEvent } from '../../../harness/call-builders.js';

function amiEvent(name: string, fields: Record<string, string> = {}, vars: Record<string, string> = {}): AmiEvent {
  return { name, fields: { privilege: 'call,all', linkedid: 'c1', ...fields }, multi: {}, vars, timeMs: 1000 };
}

/** A sink that keeps what it is given; `drained()` drains the buffer into it and returns the entries. */
function recordingSink() {
  const sunk: Array<[string, string, unknown[]]> = [];
  const sink = { append: (_tx: ChainableCommander, callId: string, list: string, entries: ReadonlyArray<string | Buffer>) => {
    if (entries.length > 0) sunk.push([callId, list, entries.map((e) => JSON.parse(e.toString()) as unknown)]);
  } };
  const tx = {} as ChainableCommander; // the sink never touches it
  return { sink, drained: (buffer: TraceBuffer) => { buffer.drainInto(tx); return sunk.splice(0); } };
}

describe('TraceBuffer', () => {
  it('keeps the events of tracked calls without dialplan chatter, and the tracker decisions, until drained once', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink);
    buffer.amiEvent('c1', amiEvent('Newchannel', { channel: 'PJSIP/201-1' }));
    buffer.amiEvent('c1', amiEvent('Newexten'));
    buffer.amiEvent('c1', amiEvent('VarSet'));
    buffer.amiEvent('c1', amiEvent('VarSet', {}, { __CRM_CALL_ID: 'x' }));
    buffer.amiEvent(null, amiEvent('Hangup'));
    const call = aCall({ id: 'c2', disposition: 'answered', answeredBy: '202' });
    buffer.callEvent(aCallEvent('ended', call, 3, { endReason: 'merged', mergedInto: 'c1' }));
    expect(buffer.hasPending).toBe(true);
    expect(drained(buffer)).toEqual([
      ['c1', 'ami', [{ kind: 'ami', atMs: 1000, event: 'Newchannel', fields: { linkedid: 'c1', channel: 'PJSIP/201-1' } }, expect.objectContaining({ event: 'VarSet' })]],
      ['c1', 'log', [expect.objectContaining({ kind: 'merged-from', callId: 'c2' })]],
      ['c2', 'log', [expect.objectContaining({ kind: 'tracker', stage: 'ended', seq: 3, endReason: 'merged', mergedInto: 'c1', answeredBy: '202' })]],
    ]);
    expect(buffer.hasPending).toBe(false);
    expect(drained(buffer)).toEqual([]);
  });

  it('with CALL_TRACE_AMI off keeps the call events and decisions but no AMI event', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink, { amiEvents: false });
    expect(buffer.recordsAmi).toBe(false);
    buffer.amiEvent('c1', amiEvent('Newchannel', { channel: 'PJSIP/201-1' }));
    expect(buffer.hasPending).toBe(false);
    buffer.callEvent(aCallEvent('ringing', aCall({ id: 'c1' })));
    const lists = drained(buffer).map(([callId, list]) => `${callId}:${list}`);
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((l) => !l.endsWith(':ami'))).toBe(true);
  });

  it('writes each AMI event as the JSON of its fields without privilege, wherever privilege stands', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink);
    const layouts: Array<Record<string, string>> = [
      { event: 'Newstate', privilege: 'call,all', linkedid: 'c1', channel: 'PJSIP/201-1' },
      { event: 'Newstate', privilege: 'a"b\\,', linkedid: 'c1' },
      { event: 'Newstate', privilege: 'call,all' },
      { privilege: 'call,all', event: 'Newstate', linkedid: 'c1' },
      { linkedid: 'c1', event: 'Newstate', privilege: 'call' },
      { event: 'Newstate', linkedid: 'c1' },
    ];
    for (const fields of layouts) buffer.amiEvent('c1', { name: 'Newstate', fields, multi: {}, vars: {}, timeMs: 5 });
    const [[, , entries] = ['', '', []]] = drained(buffer);
    expect(entries).toEqual(layouts.map((fields) => {
      const { privilege: _p, ...kept } = fields;
      return { kind: 'ami', atMs: 5, event: 'Newstate', fields: kept };
    }));
  });

  it('gives a write for some calls only their entries; the rest wait for a write of every call', () => {
    const written: string[] = [];
    const buffer = new TraceBuffer({ append: (_tx, callId, list, entries) => { if (entries.length > 0) written.push(`${callId}:${list}:${entries.length}`); } });
    buffer.amiEvent('c1', amiEvent('Newchannel'));
    buffer.amiEvent('c2', amiEvent('Newchannel', { linkedid: 'c2' }));
    buffer.amiEvent('c2', amiEvent('Hangup', { linkedid: 'c2' }));
    const tx = {} as ChainableCommander;
    buffer.drainInto(tx, new Set(['c2', 'c3']));
    expect(written.splice(0)).toEqual(['c2:ami:2']);
    expect(buffer.hasPending).toBe(true);
    buffer.drainInto(tx);
    expect(written).toEqual(['c1:ami:1']);
    expect(buffer.hasPending).toBe(false);
  });

  it('holds a bounded number of entries while they cannot be written, dropping and counting the rest', () => {
    const { sink, drained } = recordingSink();
    const buffer = new TraceBuffer(sink);
    for (let i = 0; i < 50_010; i += 1) buffer.amiEvent('c1', amiEvent('Newstate'));
    expect(buffer.dropped).toBe(10);
    const [[, , entries] = ['', '', []]] = drained(buffer);
    expect(entries).toHaveLength(50_000);
  });
});
