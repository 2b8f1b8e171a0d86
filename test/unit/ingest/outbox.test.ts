import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../src/calls/call.js';
import { Outbox } from '../../../src/ingest/outbox.js';

const ev = (seq: number) => ({ stage: 'ringing', seq, atMs: 0, call: { id: 'c1' } }) as unknown as CallEvent;
const seqs = (events: readonly CallEvent[]) => events.map((e) => e.seq);

describe('Outbox', () => {
  it('numbers events in the order they entered; forwarded ones leave after keepMs, unforwarded ones never', () => {
    let now = 0;
    const box = new Outbox(1000, 100, () => now);
    for (let i = 0; i < 4; i += 1) box.add(ev(i));
    box.forwarded(2);
    expect([box.first, box.next]).toEqual([0, 4]);
    now = 1001;
    expect(seqs(box.since(0))).toEqual([2, 3]); // 0 and 1 were forwarded over keepMs ago
    expect(box.first).toBe(2);
    now = 5000;
    expect(seqs(box.since(0))).toEqual([2, 3]); // never forwarded: kept
    expect(seqs(box.since(3))).toEqual([3]);
  });

  it('keeps at most keepMax forwarded events, and drops only unforwarded ones from the tail', () => {
    const box = new Outbox(60_000, 2, () => 0);
    for (let i = 0; i < 5; i += 1) box.add(ev(i));
    box.forwarded(4);
    expect(seqs(box.since(0))).toEqual([2, 3, 4]);
    box.dropNewest(3); // only 4 is unforwarded
    expect(seqs(box.since(0))).toEqual([2, 3]);
    expect(box.next).toBe(4);
    box.add(ev(9));
    expect(box.next).toBe(5);
    expect(seqs(box.since(4))).toEqual([9]);
  });

  it('lets stored events go at once, in order: one stored early waits for the older ones', () => {
    const box = new Outbox(60_000, 100, () => 0);
    const events = [ev(0), ev(1), ev(2)];
    for (const e of events) box.add(e);
    box.forwarded(3);
    box.markStored([events[1] as CallEvent]);
    expect(seqs(box.since(0))).toEqual([0, 1, 2]);
    box.markStored([events[0] as CallEvent]);
    expect(seqs(box.since(0))).toEqual([2]);
  });

  it('stays numbered across its internal compaction', () => {
    let now = 0;
    const box = new Outbox(10, 10_000, () => now);
    for (let i = 0; i < 3000; i += 1) { box.add(ev(i)); box.forwarded(1); }
    now = 100;
    box.add(ev(3000));
    expect(seqs(box.since(0))).toEqual([3000]);
    expect([box.first, box.next]).toEqual([3000, 3001]);
    expect(box.size).toBe(1);
  });
});
