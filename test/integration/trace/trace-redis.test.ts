import { describe, expect, it } from 'vitest';
import type { AmiEvent } from '../../../src/pbx/ami-event.js';
import { CallTraceStore } from '../../../src/trace/call-trace-store.js';
import { BlockPool } from '../../../src/trace/trace-blocks.js';
import { TraceBuffer } from '../../../src/trace/trace-buffer.js';
import { aCall, aCallEvent } from '../../../harness/call-builders.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';

const TTL_SEC = 3600;

function newstate(seq: number): AmiEvent {
  return { name: 'Newstate', fields: { event: 'Newstate', privilege: 'call,all', linkedid: 'c1', seq: String(seq) }, multi: {}, vars: {}, timeMs: 1000 + seq };
}

describe('per-call trace in Redis', () => {
  it('keeps a TTL on every list, whichever is written first, and the first maxEntries entries; reads back what went in', async () => {
    const redis = testRedis();
    const store = new CallTraceStore(redis, uniquePrefix(), { ttlSec: TTL_SEC, maxEntries: 10 });
    const buffer = new TraceBuffer(store, { maxEntries: 10, pool: new BlockPool() });
    const write = async () => { const tx = redis.multi(); buffer.drainInto(tx); await tx.exec(); };
    buffer.callEvent(aCallEvent('ringing', aCall({ id: 'c1' }), 0)); // an adopted call: its log list is written first
    await write();
    for (let i = 0; i < 14; i += 1) {
      buffer.amiEvent('c1', newstate(i), `Event: Newstate\r\nPrivilege: call,all\r\nLinkedid: c1\r\nSeq: ${i}\r\n`);
      if (i % 3 === 2) await write();
    }
    await write();
    for (const list of ['ami', 'log'] as const) expect(await redis.ttl(store.key('c1', list)), list).toBeGreaterThan(TTL_SEC - 60);
    await redis.persist(store.key('c1', 'log')); // as if a write with its EXPIRE had been lost: the next one renews it
    buffer.callEvent(aCallEvent('ended', aCall({ id: 'c1' }), 1));
    await write();
    expect(await redis.ttl(store.key('c1', 'log'))).toBeGreaterThan(TTL_SEC - 60);
    const trace = await store.read('c1');
    expect(trace?.amiEvents.map((e) => (e['fields'] as Record<string, string>)['seq'])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(trace?.amiEvents[0]).toEqual({ kind: 'ami', atMs: 1000, event: 'Newstate', fields: { event: 'Newstate', linkedid: 'c1', seq: '0' } });
    expect(trace?.decisions.map((d) => d['stage'])).toEqual(['ringing', 'ended']);
    await redis.persist(store.key('c1', 'ami'));
    buffer.amiEvent('c1', newstate(99), 'Event: Newstate\r\nLinkedid: c1\r\nSeq: 99\r\n'); // a late event, after the end
    await write();
    expect(await redis.ttl(store.key('c1', 'ami'))).toBeGreaterThan(TTL_SEC - 60);
    expect((await store.read('c1'))?.amiEvents).toHaveLength(10);
  });
});
