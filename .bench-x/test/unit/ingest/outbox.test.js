import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/ingest/outbox.js';
const ev = (seq) => ({ stage: 'ringing', seq, atMs: 0, call: { id: 'c1' } });
const seqs = (events) => events.map((e) => e.seq);
const rows = (list) => list.map(([n, e]) => [n, e.seq]);
describe('Outbox', () => {
    it('hands only covered events to job writes, and keeps every unstored one in the outbox', () => {
        const box = new Outbox(100);
        for (let i = 0; i < 3; i += 1)
            box.add(ev(i));
        expect(box.pendingCount).toBe(3);
        expect(box.take(10).events).toEqual([]); // no state write covers them yet
        box.cover();
        box.add(ev(3));
        expect(seqs(box.pending())).toEqual([3]);
        const batch = box.take(2);
        expect(seqs(batch.events)).toEqual([0, 1]);
        expect(box.waitingCount).toBe(1);
        expect(rows(box.since(0))).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]); // taken ones stay until stored
        box.stored(batch);
        expect([box.first, box.next]).toEqual([2, 4]);
        expect(rows(box.since(0))).toEqual([[2, 2], [3, 3]]);
        expect(box.counters()).toEqual({ buffered: 2, accepted: 4, flushed: 2, dropped: 0 });
    });
    it('lets a batch stored early leave only after the older ones', () => {
        const box = new Outbox(100);
        for (let i = 0; i < 4; i += 1)
            box.add(ev(i));
        box.cover();
        const older = box.take(2);
        const newer = box.take(2);
        box.stored(newer);
        expect(box.first).toBe(0);
        expect(rows(box.since(0))).toEqual([[0, 0], [1, 1]]); // stored ones are not listed
        box.stored(older);
        expect([box.first, box.next]).toEqual([4, 4]);
    });
    it('refuses past its bound (taken events count), drops the pending tail on request, and counts both', () => {
        const box = new Outbox(3);
        for (let i = 0; i < 3; i += 1)
            box.add(ev(i));
        box.cover();
        box.take(3);
        expect(box.add(ev(9))).toBe(false);
        const box2 = new Outbox(10);
        box2.add(ev(0));
        box2.cover();
        box2.add(ev(1));
        box2.add(ev(2));
        expect(box2.dropPending()).toBe(2);
        expect(seqs(box2.take(10).events)).toEqual([0]);
        box2.add(ev(3));
        expect(rows(box2.since(0))).toEqual([[0, 0], [1, 3]]);
        expect(box.counters().dropped + box2.counters().dropped).toBe(3);
    });
    it('stays numbered across its internal compaction', () => {
        const box = new Outbox(10_000);
        for (let i = 0; i < 3000; i += 1) {
            box.add(ev(i));
            box.cover();
            box.stored(box.take(1));
        }
        box.add(ev(3000));
        expect(rows(box.since(0))).toEqual([[3000, 3000]]);
        expect([box.first, box.next]).toEqual([3000, 3001]);
        expect(box.counters().buffered).toBe(1);
    });
});
