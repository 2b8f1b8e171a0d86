import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../src/calls/call.js';
import { SnapshotFirstForwarder } from '../../../src/ingest/snapshot-first-forwarder.js';
import { silentLogger } from '../../../src/log.js';

const ev = (seq: number) => ({ stage: 'ringing', seq, atMs: 0, call: { id: 'c1' } }) as unknown as CallEvent;
const tick = () => new Promise((r) => setImmediate(r));

function setup() {
  const forwarded: number[] = [];
  const outboxAtSnapshot: number[][] = [];
  let release: () => void = () => {};
  const snapshots: Array<Promise<void>> = [];
  const fwd: SnapshotFirstForwarder = new SnapshotFirstForwarder((e) => forwarded.push(e.seq), () => {
    outboxAtSnapshot.push(fwd.outbox().map((e) => e.seq));
    const p = new Promise<void>((r) => { release = r; });
    snapshots.push(p);
    return p;
  }, silentLogger());
  return { fwd, forwarded, outboxAtSnapshot, release: () => release(), snapshots };
}

describe('SnapshotFirstForwarder', () => {
  it('forwards a batch only after the snapshot that lists it in the outbox is written', async () => {
    const { fwd, forwarded, outboxAtSnapshot, release } = setup();
    fwd.push(ev(0));
    fwd.push(ev(1));
    await tick();
    expect(outboxAtSnapshot).toEqual([[0, 1]]);
    expect(forwarded).toEqual([]);
    fwd.push(ev(2));                       // arrives while the first snapshot is being written
    await tick();
    release();
    await tick();
    expect(forwarded).toEqual([0, 1]);
    expect(outboxAtSnapshot[1]).toEqual([0, 1, 2]); // the next snapshot still lists 0 and 1 (recently forwarded) and 2
    release();
    await fwd.drain();
    expect(forwarded).toEqual([0, 1, 2]);
  });

  it('drain forwards what is pending; discard drops it (the lease went elsewhere)', async () => {
    const a = setup();
    a.fwd.push(ev(0));
    const drained = a.fwd.drain();
    await tick();
    a.release();
    await drained;
    expect(a.forwarded).toEqual([0]);
    const b = setup();
    b.fwd.push(ev(0));
    expect(b.fwd.discard()).toBe(1);
    await tick();
    expect(b.forwarded).toEqual([]);
    expect(b.fwd.outbox()).toEqual([]);
  });

  it('does not forward a batch discarded while its snapshot was being written; later events flow again', async () => {
    const { fwd, forwarded, release } = setup();
    fwd.push(ev(0));
    await tick();                          // snapshot of [0] in flight
    expect(fwd.discard()).toBe(1);
    release();
    await tick();
    expect(forwarded).toEqual([]);
    fwd.push(ev(1));
    await tick();
    release();
    await fwd.drain();
    expect(forwarded).toEqual([1]);
  });
});
