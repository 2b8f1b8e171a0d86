import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { CALL_FIELDS } from '../../../src/calls/tracker-persistence.js';
import { readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, optionsFor, replay, savedState, transcriptNames } from './tracker-harness.js';
/** What TrackerStore keeps in Redis, in memory: the calls hash, the ended list, the meta. */
class FakeStore {
    calls = new Map();
    ended = [];
    nextOrder = 0;
    meta = null;
    write(delta) {
        if (delta.full) {
            this.calls.clear();
            this.ended = [];
        }
        for (const id of delta.removed)
            this.calls.delete(id);
        for (const [id, json] of delta.calls)
            this.calls.set(id, json);
        this.ended = [...this.ended, ...delta.ended].slice(-2000);
        this.nextOrder = delta.meta.nextOrder;
        this.meta = delta.meta;
    }
    load(options) {
        const parts = [...this.calls.values()].map((json) => JSON.parse(json));
        return CallTracker.fromParts({ version: 3, nextOrder: this.nextOrder, pbx: this.meta?.pbx, parts, ended: this.ended }, options);
    }
}
/** The tracker's whole state, in an order that does not depend on how it was built, without lastEventMs (chatter). */
function normalized(tracker) {
    const { parts, ...rest } = savedState(tracker);
    const byFirst = (a, b) => String(a[0]).localeCompare(String(b[0]));
    const calls = parts.map((p) => p.c.filter((_, i) => i !== 6)).sort(byFirst);
    const legs = parts.flatMap((p) => p.l).sort(byFirst);
    const bridges = [...new Map(parts.flatMap((p) => p.b)).entries()].sort(byFirst);
    return { ...rest, legs, calls, bridges };
}
/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed) {
    let s = seed >>> 0;
    return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}
/** Replays with a delta saved after random events; at some saves the tracker "crashes" and goes on from the store. */
function replayWithDeltas(events, options, seed) {
    const random = prng(seed);
    const store = new FakeStore();
    let tracker = new CallTracker(options);
    const out = [];
    for (const ev of events) {
        out.push(...tracker.apply(ev));
        if (random() > 0.3)
            continue;
        store.write(tracker.takeDelta());
        const restored = store.load(options);
        expect(normalized(restored)).toEqual(normalized(tracker));
        if (random() < 0.3)
            tracker = restored;
    }
    return out;
}
const ID = CALL_FIELDS.indexOf('id');
const SEQ = CALL_FIELDS.indexOf('seq');
/** Call id → seq of every open call, as the whole state says. */
function seqsOf(tracker) {
    return new Map(tracker.parts().parts.map((p) => [String(p.c[ID]), Number(p.c[SEQ])]));
}
/**
 * As the daemon saves: before call events are queued, a delta of just their calls (CrashSafeWriter's write before their jobs); now and then
 * a slice of the other changed calls (the periodic save). At random points the tracker crashes and resumes from the
 * store. Returns every call event emitted, across crashes.
 */
function replayWithScopedDeltas(events, options, seed) {
    const random = prng(seed);
    const store = new FakeStore();
    let tracker = new CallTracker(options);
    store.write(tracker.takeDelta());
    const out = [];
    for (const ev of events) {
        const emitted = tracker.apply(ev);
        out.push(...emitted);
        if (emitted.length > 0)
            store.write(tracker.takeDelta(false, { calls: emitted.map((ce) => ce.call.id) }));
        const sliced = random() < 0.2;
        if (sliced)
            store.write(tracker.takeDelta(false, { maxCalls: 1 }));
        const stored = seqsOf(store.load(options));
        for (const [id, seq] of seqsOf(tracker))
            if (seq > 0)
                expect(stored.get(id), id).toBe(seq);
        // nothing gone is left behind once a delta is written (a merge that emits nothing, such as a star pickup of a
        // channel that is already up, is written by the next delta; until then the store may still hold the absorbed call)
        if (emitted.length > 0 || sliced)
            for (const id of stored.keys())
                expect(seqsOf(tracker).has(id), id).toBe(true);
        if (random() < 0.1)
            tracker = store.load(options);
    }
    return out;
}
describe('CallTracker incremental snapshots', () => {
    it.each(transcriptNames())('%s: deltas of only the calls with events keep every emitted seq stored; crashes reuse no job id', async (name) => {
        const events = await readTranscript(`${name}.ami`);
        const options = optionsFor(name);
        for (const seed of [1, 2, 3, 4]) {
            const ids = replayWithScopedDeltas(events, options, seed).map((ce) => `${ce.call.id}-${ce.seq}`);
            expect(new Set(ids).size).toBe(ids.length);
        }
    });
    it('a scoped delta writes a merge removal together with the call that absorbed it; the rest stay marked', async () => {
        const name = 'cacofonisk/xfer_attended/xfer_abbcac';
        const events = await readTranscript(`${name}.ami`);
        const tracker = new CallTracker(optionsFor(name));
        const store = new FakeStore();
        store.write(tracker.takeDelta());
        let merged = false;
        for (const ev of events) {
            const emitted = tracker.apply(ev);
            const delta = tracker.takeDelta(false, { calls: [] });
            store.write(delta);
            if (delta.removed.length === 0 || emitted.every((ce) => ce.endReason !== 'merged'))
                continue;
            merged = true;
            const survivor = emitted.find((ce) => ce.endReason === 'merged')?.mergedInto ?? '';
            expect(delta.calls.has(survivor)).toBe(true);
            expect(store.calls.has(survivor)).toBe(true);
        }
        expect(merged).toBe(true);
        store.write(tracker.takeDelta());
        expect(tracker.hasUnsavedChanges).toBe(false);
    });
    it.each(transcriptNames())('%s: deltas saved at random points, restored mid-call, give the uninterrupted replay', async (name) => {
        const events = await readTranscript(`${name}.ami`);
        const options = optionsFor(name);
        const straight = replay(new CallTracker(options), events);
        for (const seed of [1, 2, 3])
            expect(replayWithDeltas(events, options, seed)).toEqual(straight);
    });
    it('all transcripts back to back: same events with deltas and crashes', async () => {
        const asterisk = transcriptNames().filter((n) => !n.startsWith('cacofonisk/'));
        const events = (await Promise.all(asterisk.map((n) => readTranscript(`${n}.ami`)))).flat();
        const straight = replay(new CallTracker(ASTERISK22), events);
        expect(replayWithDeltas(events, ASTERISK22, 42)).toEqual(straight);
    });
    it('the first delta is full; later ones hold only the calls that changed, and the ones that went', async () => {
        const events = await readTranscript('attended-transfer.ami');
        const tracker = new CallTracker(ASTERISK22);
        const first = tracker.takeDelta();
        expect(first.full).toBe(true);
        expect(tracker.takeDelta().calls.size).toBe(0);
        const seen = new Set();
        const removed = new Set();
        for (const ev of events) {
            for (const ce of tracker.apply(ev))
                seen.add(ce.call.id);
            const delta = tracker.takeDelta();
            expect(delta.full).toBe(false);
            for (const id of delta.calls.keys())
                seen.add(id);
            for (const id of delta.removed)
                removed.add(id);
        }
        expect(tracker.openCallCount).toBe(0);
        expect([...seen].every((id) => removed.has(id))).toBe(true);
        expect(tracker.takeDelta()).toMatchObject({ full: false, removed: [], ended: [] });
        expect(tracker.takeDelta(true).full).toBe(true);
    });
    it('chatter and events of unknown channels mark nothing', () => {
        const tracker = new CallTracker(ASTERISK22);
        const base = { multi: {}, vars: {}, timeMs: 1 };
        tracker.apply({ ...base, name: 'Newchannel', fields: { uniqueid: '1.1', linkedid: '1.1', channel: 'PJSIP/201-00000001', channelstate: '4', calleridnum: '201', exten: '202', context: 'internal' } });
        tracker.takeDelta();
        tracker.apply({ ...base, name: 'Newexten', timeMs: 2, fields: { uniqueid: '1.1', linkedid: '1.1', channel: 'PJSIP/201-00000001' } });
        tracker.apply({ ...base, name: 'Hangup', timeMs: 3, fields: { uniqueid: '9.9', linkedid: '9.9', channel: 'PJSIP/209-00000009' } });
        expect(tracker.takeDelta().calls.size).toBe(0);
        tracker.apply({ ...base, name: 'Newstate', timeMs: 4, fields: { uniqueid: '1.1', linkedid: '1.1', channel: 'PJSIP/201-00000001', channelstate: '6' } });
        expect([...tracker.takeDelta().calls.keys()]).toEqual(['1.1']);
    });
    it('a scoped delta leaves the changed calls it was not asked for marked, for the next delta', () => {
        const tracker = new CallTracker(ASTERISK22);
        const base = { multi: {}, vars: {}, timeMs: 1 };
        const chan = (n) => ({ uniqueid: `${n}.1`, linkedid: `${n}.1`, channel: `PJSIP/20${n}-0000000${n}`, calleridnum: `20${n}`, exten: '300', context: 'internal' });
        for (const n of [1, 2])
            tracker.apply({ ...base, name: 'Newchannel', fields: { ...chan(n), channelstate: '4' } });
        tracker.takeDelta();
        for (const n of [1, 2])
            tracker.apply({ ...base, name: 'Newstate', timeMs: 2, fields: { ...chan(n), channelstate: '6' } });
        expect([...tracker.takeDelta(false, { calls: ['1.1'] }).calls.keys()]).toEqual(['1.1']);
        expect(tracker.hasUnsavedChanges).toBe(true);
        expect([...tracker.takeDelta(false, { maxCalls: 5 }).calls.keys()]).toEqual(['2.1']);
        expect(tracker.hasUnsavedChanges).toBe(false);
    });
    it('fromJSON accepts the parts shape too', () => {
        const tracker = CallTracker.fromJSON({ version: 3, nextOrder: 5, parts: [], ended: ['1.1'] }, ASTERISK22);
        expect(tracker.openCallCount).toBe(0);
    });
});
