import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, CACOFONISK, replay, savedState, transcriptNames, optionsFor } from './tracker-harness.js';
const stagesOf = (out) => out.map((e) => `${e.call.id}#${e.seq}:${e.stage}`);
describe('CallTracker robustness', () => {
    it.each(transcriptNames())('%s: an exact duplicate of every event changes nothing', async (name) => {
        const events = await readTranscript(`${name}.ami`);
        const once = replay(new CallTracker(optionsFor(name)), events);
        const twice = replay(new CallTracker(optionsFor(name)), events.flatMap((ev) => [ev, ev]));
        expect(stagesOf(twice)).toEqual(stagesOf(once));
        expect(twice.at(-1)?.call).toEqual(once.at(-1)?.call);
    });
    it.each(transcriptNames())('%s: swapping neighbouring events of different legs does not crash and ends every call', async (name) => {
        const events = await readTranscript(`${name}.ami`);
        const shuffled = [...events];
        for (let i = 1; i + 1 < shuffled.length; i += 3) {
            const a = shuffled[i];
            const b = shuffled[i + 1];
            if (a && b && a.fields['uniqueid'] !== b.fields['uniqueid'] && b.name !== 'Hangup') {
                shuffled[i] = b;
                shuffled[i + 1] = a;
            }
        }
        const tracker = new CallTracker(optionsFor(name));
        const out = replay(tracker, shuffled);
        expect(out.filter((e) => e.stage === 'ended').length).toBeGreaterThanOrEqual(1);
        expect(tracker.openCallCount).toBe(0);
    });
    it('ignores unrelated chatter', () => {
        const tracker = new CallTracker(ASTERISK22);
        const chatter = { name: 'Newexten', fields: { uniqueid: '1.1', linkedid: '1.1', channel: 'Local/x@y-1;1' }, multi: {}, vars: {}, timeMs: 1 };
        expect(tracker.apply(chatter)).toEqual([]);
        expect(tracker.apply({ ...chatter, name: 'VarSet', fields: { ...chatter.fields, variable: 'FOO', value: 'bar' } })).toEqual([]);
        expect(tracker.openCallCount).toBe(0);
    });
});
describe('CallTracker persistence', () => {
    it.each(['attended-transfer', 'cacofonisk/xfer_attended/xfer_abbcac', 'inbound-queue', 'click-to-call'])('%s: a saved-state round trip mid-call gives the same events as an uninterrupted replay', async (name) => {
        const events = await readTranscript(`${name}.ami`);
        const options = name.startsWith('cacofonisk/') ? CACOFONISK : ASTERISK22;
        const straight = replay(new CallTracker(options), events);
        const half = Math.floor(events.length / 2);
        const first = new CallTracker(options);
        const before = replay(first, events.slice(0, half));
        const restored = CallTracker.fromJSON(savedState(first), options);
        expect(restored.openCallCount).toBe(first.openCallCount);
        const after = replay(restored, events.slice(half));
        expect([...before, ...after]).toEqual(straight);
    });
    it('rejects state of another shape', () => {
        expect(() => CallTracker.fromJSON({ version: 9 }, ASTERISK22)).toThrow(TypeError);
    });
});
/** What CoreShowChannels would list after these events: each live channel's latest snapshot and bridge. */
function liveChannelsAt(events) {
    const latest = new Map();
    const bridge = new Map();
    for (const ev of events) {
        const uid = ev.fields['uniqueid'];
        if (!uid || !ev.fields['linkedid'])
            continue;
        if (ev.name === 'Hangup') {
            latest.delete(uid);
            continue;
        }
        latest.set(uid, ev);
        if (ev.name === 'BridgeEnter')
            bridge.set(uid, ev.fields['bridgeuniqueid'] ?? '');
        if (ev.name === 'BridgeLeave')
            bridge.delete(uid);
    }
    return [...latest.values()].map((ev) => ({
        ...ev, name: 'CoreShowChannel', fields: { ...ev.fields, bridgeid: bridge.get(ev.fields['uniqueid'] ?? '') ?? '', duration: '00:00:03' },
    }));
}
describe('CallTracker resync and sweep', () => {
    async function midCall() {
        const events = await readTranscript('inbound-answered.ami');
        const cut = events.findIndex((e) => e.name === 'BridgeEnter') + 1;
        const tracker = new CallTracker(ASTERISK22);
        replay(tracker, events.slice(0, cut));
        return { tracker, events, cut };
    }
    function coreShowChannel(ev, bridgeId = '') {
        return { ...ev, name: 'CoreShowChannel', fields: { ...ev.fields, bridgeid: bridgeId, duration: '00:00:03' } };
    }
    it('ends a call whose channels all vanished while AMI was away', async () => {
        const { tracker } = await midCall();
        const out = tracker.resync([], 9_000_000_000_000, false);
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ stage: 'ended', endReason: 'vanished', call: { disposition: 'answered', answeredBy: '201' } });
        expect(tracker.openCallCount).toBe(0);
    });
    it('ends every call with pbx-restart when the PBX restarted', async () => {
        const { tracker, events } = await midCall();
        const live = events.filter((e) => e.name === 'Newchannel').map((e) => coreShowChannel(e));
        const out = tracker.resync(live, 9_000_000_000_000, true);
        expect(out[0]).toMatchObject({ stage: 'ended', endReason: 'pbx-restart' });
    });
    it('keeps a call whose channels are still live, and adopts an unknown live call', async () => {
        const { tracker } = await midCall();
        const snap = (uid, linked, channel, context, state, cid) => ({
            name: 'CoreShowChannel', multi: {}, vars: {}, timeMs: 5,
            fields: { uniqueid: uid, linkedid: linked, channel, context, exten: 's', channelstate: state, calleridnum: cid, connectedlinenum: '', bridgeid: state === '6' ? 'b1' : '', duration: '00:00:10' },
        });
        const live = [
            snap('9.1', '9.1', 'Local/4951230000@from-trunk-00000009;2', 'from-trunk', '6', '79161234567'),
            snap('9.2', '9.1', 'PJSIP/202-00000001', 'operators', '6', '202'),
        ];
        const out = tracker.resync(live, 2_000_000_000_000, false);
        expect(out.some((e) => e.stage === 'ended')).toBe(true); // the old call's legs are not in the list
        const adopted = out.filter((e) => e.call.id === '9.1');
        expect(adopted.map((e) => e.stage)).toEqual(['ringing', 'answered']);
        expect(adopted[1]?.call).toMatchObject({ direction: 'inbound', externalNumber: '+79161234567', answeredBy: '202' });
        expect(tracker.openCallCount).toBe(1);
    });
    it('adopts a call in progress from the live channel list (Local-channel phones)', async () => {
        const events = await readTranscript('inbound-answered.ami');
        const cut = events.findIndex((e) => e.name === 'HangupRequest');
        const live = liveChannelsAt(events.slice(0, cut));
        const tracker = new CallTracker(ASTERISK22);
        const nowMs = events[cut - 1]?.timeMs ?? 0;
        const out = tracker.resync(live, nowMs, false);
        expect(out.map((e) => e.stage)).toEqual(['ringing', 'answered']);
        expect(out[1]?.call).toMatchObject({ id: '1795413735.0', direction: 'inbound', externalNumber: '+74951234567', line: '4951230000', answeredBy: '201' });
        const rest = replay(tracker, events.slice(cut));
        expect(rest.map((e) => e.stage)).toEqual(['ended']);
        expect(rest[0]?.call).toMatchObject({ disposition: 'answered', hangupCause: 16, answeredBy: '201' });
        expect(rest[0]?.seq).toBe(2);
    });
    it('chatter of a live call keeps it from being swept', async () => {
        const { tracker, events, cut } = await midCall();
        const lastMs = events[cut - 1]?.timeMs ?? 0;
        const chatter = { name: 'Newexten', fields: { linkedid: '1795413735.0', uniqueid: '1795413735.1' }, multi: {}, vars: {}, timeMs: lastMs + 50_000 };
        tracker.apply(chatter);
        expect(tracker.sweep(lastMs + 61_000, 60_000)).toEqual([]);
    });
    it('sweeps calls with no event for longer than maxAgeMs', async () => {
        const { tracker, events, cut } = await midCall();
        const lastMs = events[cut - 1]?.timeMs ?? 0;
        expect(tracker.sweep(lastMs + 1000, 60_000)).toEqual([]);
        const out = tracker.sweep(lastMs + 61_000, 60_000);
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ stage: 'ended', endReason: 'stale', seq: 2 });
        expect(tracker.openCallCount).toBe(0);
    });
});
