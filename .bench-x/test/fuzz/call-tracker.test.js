import { parseFrameText, toAmiEvent } from '../../src/pbx/ami-normalize.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallTracker } from '../../src/calls/call-tracker.js';
import { readTranscript } from '../support/read-transcript.js';
import { fuzzScale } from './fuzz-scale.js';
import { optionsFor, savedState, transcriptNames } from '../unit/calls/tracker-harness.js';
/** Every recorded transcript (12 Asterisk-22 files and every cacofonisk file), parsed once. */
const NAMES = transcriptNames();
const TRANSCRIPTS = new Map();
const MAX_AGE_MS = 4 * 3600_000;
/** Each run replays one or two transcripts of tens to a few hundred events: well under 10 s for the file. */
const RUNS = { numRuns: 600 * fuzzScale() };
beforeAll(async () => {
    for (const name of NAMES)
        TRANSCRIPTS.set(name, await readTranscript(`${name}.ami`));
});
function eventsOf(name) {
    return TRANSCRIPTS.get(name) ?? [];
}
/** Ids a transcript uses, so mutated fields often point at real legs (cross-links) rather than at nothing. */
function idsOf(events) {
    const ids = new Set();
    for (const ev of events) {
        for (const key of ['uniqueid', 'linkedid', 'destuniqueid', 'destlinkedid', 'bridgeuniqueid', 'channel', 'destchannel']) {
            const v = ev.fields[key];
            if (v)
                ids.add(v);
        }
    }
    return [...ids];
}
function junkValue(ids) {
    return fc.oneof(fc.constantFrom(...(ids.length > 0 ? ids : [''])), fc.constantFrom('', '0', '4', '5', '6', 'Up', 'Ringing', 'ANSWER', 'BUSY', 'NOANSWER', 'CANCEL', 'a:b', 'a_b', '16', '-1', 'NaN', 'Local/201@x-00000001;1'), fc.string({ maxLength: 20 }));
}
function steps(events) {
    const step = fc.record({
        op: fc.constantFrom('keep', 'keep', 'keep', 'keep', 'keep', 'dup', 'drop', 'dropHangup', 'dropHangup', 'mutate', 'retime'),
        shift: fc.integer({ min: -12, max: 12 }),
        field: fc.nat(),
        value: junkValue(idsOf(events)),
        timeMs: fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
    });
    return fc.array(step, { minLength: events.length, maxLength: events.length });
}
function withField(ev, index, value) {
    const keys = Object.keys(ev.fields);
    const key = keys[index % Math.max(1, keys.length)] ?? 'uniqueid';
    return { ...ev, fields: { ...ev.fields, [key]: value } };
}
/** Applies the steps: reorder by index + shift, duplicate, drop, overwrite one field, or move an event in time. */
function disturb(events, plan, fullShuffle) {
    const keyed = [];
    events.forEach((ev, i) => {
        const s = plan[i] ?? { op: 'keep', shift: 0, field: 0, value: '', timeMs: 0 };
        const at = fullShuffle ? s.shift * 1000 + s.field % 1000 : i + s.shift;
        if (s.op === 'drop' || (s.op === 'dropHangup' && ev.name === 'Hangup'))
            return;
        if (s.op === 'mutate')
            keyed.push({ at, ev: withField(ev, s.field, s.value) });
        else if (s.op === 'retime')
            keyed.push({ at, ev: { ...ev, timeMs: s.timeMs } });
        else
            keyed.push({ at, ev });
        if (s.op === 'dup')
            keyed.push({ at: at + (s.field % 5), ev });
    });
    return keyed.sort((a, b) => a.at - b.at).map((k) => k.ev);
}
/** Feeds everything, then sweeps past the newest event: nothing may throw, and the invariants must hold. */
function runAndCheck(tracker, input, earlier = []) {
    const out = [...earlier];
    for (const ev of input)
        out.push(...tracker.apply(ev));
    const newest = input.reduce((m, ev) => Math.max(m, ev.timeMs), 0);
    out.push(...tracker.sweep(newest + MAX_AGE_MS + 1, MAX_AGE_MS));
    expect(tracker.openCallCount).toBe(0);
    checkInvariants(out);
    return out;
}
function checkInvariants(out) {
    const byId = new Map();
    for (const e of out)
        byId.set(e.call.id, [...(byId.get(e.call.id) ?? []), e]);
    for (const [id, list] of byId) {
        expect(list.map((e) => e.seq), `seq of ${id}`).toEqual(list.map((_, i) => i));
        expect(list.filter((e) => e.stage === 'ended'), `ended of ${id}`).toHaveLength(1);
        expect(list[list.length - 1]?.stage, `last stage of ${id}`).toBe('ended');
        expect(id).not.toContain(':');
        for (const e of list)
            expect(Number.isFinite(e.atMs), `atMs of ${id}`).toBe(true);
    }
}
const transcriptName = fc.constantFrom(...NAMES);
describe('CallTracker under disturbed real transcripts', () => {
    it('reordered, duplicated, dropped (Hangups above all), mutated and retimed events: never throws, one ended per call, seq contiguous, nothing open after sweep', () => {
        const arb = transcriptName.chain((name) => fc.tuple(fc.constant(name), steps(eventsOf(name)), fc.boolean()));
        fc.assert(fc.property(arb, ([name, plan, fullShuffle]) => {
            runAndCheck(new CallTracker(optionsFor(name)), disturb(eventsOf(name), plan, fullShuffle));
        }), RUNS);
    });
    it('two transcripts interleaved (overlapping ids merge or collide): same invariants', () => {
        const arb = fc.tuple(transcriptName, transcriptName, fc.array(fc.boolean(), { maxLength: 600 }));
        fc.assert(fc.property(arb, ([a, b, picks]) => {
            const left = [...eventsOf(a)];
            const right = [...eventsOf(b)];
            const merged = [];
            let i = 0;
            while (left.length > 0 || right.length > 0) {
                const fromLeft = right.length === 0 || (left.length > 0 && (picks[i++] ?? true));
                const next = fromLeft ? left.shift() : right.shift();
                if (next)
                    merged.push(next);
            }
            runAndCheck(new CallTracker(optionsFor(a)), merged);
        }), { numRuns: 300 * fuzzScale() });
    });
    it('saved state → JSON text → fromJSON at a random point changes nothing that is emitted afterwards', () => {
        const arb = transcriptName.chain((name) => fc.tuple(fc.constant(name), steps(eventsOf(name)), fc.nat()));
        fc.assert(fc.property(arb, ([name, plan, cutSeed]) => {
            const input = disturb(eventsOf(name), plan, false);
            const cut = input.length === 0 ? 0 : cutSeed % input.length;
            const straight = new CallTracker(optionsFor(name));
            const expected = input.flatMap((ev) => straight.apply(ev));
            let restarted = new CallTracker(optionsFor(name));
            const actual = input.slice(0, cut).flatMap((ev) => restarted.apply(ev));
            restarted = CallTracker.fromJSON(savedState(restarted), optionsFor(name));
            actual.push(...input.slice(cut).flatMap((ev) => restarted.apply(ev)));
            expect(actual).toEqual(expected);
        }), { numRuns: 300 * fuzzScale() });
    });
    it('resync with a random subset of live channels ends exactly the vanished calls and keeps the invariants', () => {
        const arb = transcriptName.chain((name) => fc.tuple(fc.constant(name), fc.nat(), fc.array(fc.boolean(), { maxLength: 50 }), fc.boolean()));
        fc.assert(fc.property(arb, ([name, cutSeed, keep, restarted]) => {
            const events = eventsOf(name);
            const cut = events.length === 0 ? 0 : cutSeed % events.length;
            const tracker = new CallTracker(optionsFor(name));
            const out = events.slice(0, cut).flatMap((ev) => tracker.apply(ev));
            const live = liveChannelsOf(events.slice(0, cut)).filter((_, i) => keep[i] ?? true);
            const nowMs = (events[cut]?.timeMs ?? 0) + 1000;
            out.push(...tracker.resync(live, nowMs, restarted));
            if (restarted)
                expect(tracker.openCallCount).toBe(0);
            if (live.length === 0)
                expect(tracker.openCallCount).toBe(0);
            runAndCheck(tracker, events.slice(cut), out);
        }), { numRuns: 300 * fuzzScale() });
    });
    it('events with no or junk fields of every tracked name: never throws, nothing left open', () => {
        const names = ['Newchannel', 'Newstate', 'DialBegin', 'DialState', 'DialEnd', 'BridgeEnter', 'BridgeLeave', 'Hangup', 'VarSet', 'UserEvent',
            'QueueCallerJoin', 'QueueCallerLeave', 'AgentCalled', 'AgentConnect', 'BlindTransfer', 'AttendedTransfer', 'NewCallerid', 'Cdr'];
        const keys = ['uniqueid', 'linkedid', 'channel', 'channelstate', 'destuniqueid', 'destlinkedid', 'destchannel', 'bridgeuniqueid',
            'dialstatus', 'cause', 'context', 'exten', 'calleridnum', 'connectedlinenum', 'variable', 'value', 'userevent', 'queue', 'result',
            'transfererchannel', 'transfereeuniqueid', 'transfertargetuniqueid', 'origtransfereruniqueid', 'secondtransfereruniqueid', 'extension'];
        const value = fc.oneof(fc.constantFrom('', '1', '2', '1.1', '1.2', 'a:b', 'a_b', 'SIP/201-1', 'Local/201@x-1;1', '6', '5', 'ANSWER', 'Success'), fc.string({ maxLength: 8 }));
        const event = fc.record({
            name: fc.constantFrom(...names),
            fields: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 10 }),
            vars: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
            timeMs: fc.integer({ min: 0, max: 1_000_000 }),
        }).map((e) => ({ ...e, multi: {} }));
        fc.assert(fc.property(fc.array(event, { maxLength: 60 }), (events) => {
            runAndCheck(new CallTracker(optionsFor('x')), events);
        }), { numRuns: 1000 * fuzzScale() });
    });
    it('keeps Linkedids apart that differ only where job ids cannot hold them (a:b and a_b, a found counterexample)', () => {
        const ev = (name, fields) => ({ name, fields, vars: {}, timeMs: 0, multi: {} });
        // runAndCheck asserts each call id's events are numbered 0, 1, … once: two calls sharing an id would repeat a seq
        runAndCheck(new CallTracker(optionsFor('x')), [
            ev('AgentConnect', { destlinkedid: 'a:b', destuniqueid: ' ' }), ev('DialBegin', { destuniqueid: '5', destlinkedid: 'a_b' }),
        ]);
    });
});
/** CoreShowChannel-like events for every channel seen and not hung up. */
function liveChannelsOf(events) {
    const live = new Map();
    for (const ev of events) {
        const uid = ev.fields['uniqueid'];
        if (!uid)
            continue;
        if (ev.name === 'Hangup')
            live.delete(uid);
        else if (ev.fields['channel'])
            live.set(uid, { ...ev, name: 'CoreShowChannel' });
    }
    return [...live.values()];
}
describe('CallTracker sweep and event clocks', () => {
    // A `Timestamp:` too big for milliseconds (e.g. 1e306) would make timeMs Infinity and the call unsweepable:
    // toAmiEvent ignores implausible Timestamps and uses the time of receipt instead.
    it('a call whose Timestamp is absurd (1e306) is still swept', () => {
        const tracker = new CallTracker(optionsFor('x'));
        const frame = parseFrameText('Event: Newchannel\r\nTimestamp: 1e306\r\nChannel: Local/4951230000@from-trunk-00000000;1\r\n' +
            'ChannelState: 0\r\nCallerIDNum: 74951234567\r\nContext: from-trunk\r\nExten: 4951230000\r\nUniqueid: 1.0\r\nLinkedid: 1.0');
        const ev = toAmiEvent(frame, 5_000);
        expect(ev?.timeMs).toBe(5_000);
        if (ev)
            tracker.apply(ev);
        expect(tracker.openCallCount).toBe(1);
        tracker.sweep(10_000, 1000);
        expect(tracker.openCallCount).toBe(0);
    });
    it('sweep compares event time with nowMs: a call stamped by a PBX clock ahead of ours outlives maxAge by the skew', () => {
        const tracker = new CallTracker(optionsFor('x'));
        const first = eventsOf('inbound-answered').find((ev) => ev.name === 'Newchannel');
        if (first)
            tracker.apply({ ...first, timeMs: 10_000_000 });
        expect(tracker.sweep(10_000_000 + 500, 1000)).toEqual([]);
        expect(tracker.sweep(10_000_000 + 1001, 1000)).toHaveLength(1);
    });
});
