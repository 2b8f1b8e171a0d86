import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../src/calls/call.js';
import { SnapshotFirstForwarder } from '../../../src/ingest/snapshot-first-forwarder.js';
import { silentLogger } from '../../../src/log.js';

const ev = (seq: number) => ({ stage: 'ringing', seq, atMs: 0, call: { id: 'c1' } }) as unknown as CallEvent;
const tick = () => new Promise((r) => setImmediate(r));

function setup(fail = false) {
  const forwarded: number[] = [];
  const outboxAtSnapshot: number[][] = [];
  const forwardedAtSnapshot: number[] = [];
  const warnings: string[] = [];
  const log = { ...silentLogger(), warn: (_: unknown, msg: string) => { warnings.push(msg); } } as unknown as ReturnType<typeof silentLogger>;
  const fwd: SnapshotFirstForwarder = new SnapshotFirstForwarder((e) => forwarded.push(e.seq), () => {
    outboxAtSnapshot.push(fwd.outboxView.since(0).map((e) => e.seq));
    forwardedAtSnapshot.push(forwarded.length);
    return fail ? Promise.reject(new Error('redis said no')) : Promise.resolve();
  }, log);
  return { fwd, forwarded, outboxAtSnapshot, forwardedAtSnapshot, warnings };
}

describe('SnapshotFirstForwarder', () => {
  it('sends one snapshot per macrotask, listing the batch in the outbox, before it forwards the batch', async () => {
    const { fwd, forwarded, outboxAtSnapshot, forwardedAtSnapshot } = setup();
    fwd.push(ev(0));
    fwd.push(ev(1));
    expect(outboxAtSnapshot).toEqual([]);   // nothing before the macrotask ends
    await tick();
    expect(outboxAtSnapshot).toEqual([[0, 1]]);
    expect(forwardedAtSnapshot).toEqual([0]); // the snapshot was sent before anything was forwarded
    expect(forwarded).toEqual([0, 1]);       // and nothing waits for its reply
    fwd.push(ev(2));
    await tick();
    expect(outboxAtSnapshot[1]).toEqual([0, 1, 2]); // 0 and 1 stay listed while the queue may still be writing them
    expect(forwardedAtSnapshot[1]).toBe(2);
    expect(forwarded).toEqual([0, 1, 2]);
  });

  it('drain forwards what is pending at once; discard drops it (the lease went elsewhere)', async () => {
    const a = setup();
    a.fwd.push(ev(0));
    a.fwd.drain();
    expect(a.outboxAtSnapshot).toEqual([[0]]);
    expect(a.forwarded).toEqual([0]);
    await tick();
    expect(a.outboxAtSnapshot).toHaveLength(1); // the scheduled flush found nothing left
    const b = setup();
    b.fwd.push(ev(0));
    expect(b.fwd.discard()).toBe(1);
    await tick();
    expect(b.forwarded).toEqual([]);
    expect(b.fwd.outboxView.since(0)).toEqual([]);
    b.fwd.push(ev(1));
    await tick();
    expect(b.forwarded).toEqual([1]);
  });

  it('a failed snapshot is logged; its events still go to the queue, which buffers them while Redis is away', async () => {
    const { fwd, forwarded, warnings } = setup(true);
    fwd.push(ev(0));
    await tick();
    await tick();
    expect(forwarded).toEqual([0]);
    expect(warnings).toEqual(['tracker snapshot failed after its call events were queued']);
  });

  it('keeps at most 4 snapshot writes unanswered; later events wait and go with the next one, or overflow past 20,000', async () => {
    const forwarded: number[] = [];
    const warnings: string[] = [];
    const releases: Array<() => void> = [];
    const batches: number[] = [];
    const log = { ...silentLogger(), warn: (_: unknown, msg: string) => { warnings.push(msg); } } as unknown as ReturnType<typeof silentLogger>;
    const fwd = new SnapshotFirstForwarder((e) => forwarded.push(e.seq), (batch) => {
      batches.push(batch.length);
      return new Promise<void>((resolve) => { releases.push(resolve); });
    }, log);
    for (let i = 0; i < 6; i += 1) { fwd.push(ev(i)); await tick(); }
    expect(batches).toEqual([1, 1, 1, 1]);           // Redis not answering: no fifth write
    expect(forwarded).toEqual([0, 1, 2, 3]);
    releases.shift()?.();
    await tick();
    expect(batches).toEqual([1, 1, 1, 1, 2]);        // 4 and 5 share the next snapshot
    expect(forwarded).toEqual([0, 1, 2, 3, 4, 5]);
    for (let i = 6; i < 6 + 20_005; i += 1) fwd.push(ev(i));
    await tick();
    expect(forwarded).toHaveLength(6 + 5);           // the 5 oldest over the bound went without a snapshot
    expect(warnings).toEqual(['Redis is not answering tracker snapshots; call events queued without one']);
    fwd.drain();
    expect(forwarded).toHaveLength(6 + 20_005);
  });
});
