import { describe, expect, it, onTestFinished } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { CallIngest } from '../../../src/ingest/call-ingest.js';
import { silentLogger } from '../../../src/log.js';
import { readTranscript } from '../../support/read-transcript.js';
import { FakeAmiClient } from '../http/call-control-app.js';
const OPTIONS = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'] };
const TIMINGS = { resyncEveryMs: 600_000, staleAfterMs: 3_600_000 };
function setup(listChannels, now = () => Date.now()) {
    const ami = new FakeAmiClient();
    const tracker = new CallTracker(OPTIONS);
    const out = [];
    const ingest = new CallIngest({ ami, tracker, listChannels, push: (ev) => out.push(ev), log: silentLogger(), now }, TIMINGS);
    ingest.start();
    onTestFinished(() => ingest.stop());
    return { ami, tracker, out, ingest };
}
describe('CallIngest', () => {
    it('turns a transcript into call events, and takes none after stop', async () => {
        const { ami, out, ingest } = setup(async () => []);
        const events = await readTranscript('inbound-answered.ami');
        for (const ev of events)
            ami.emit(ev);
        expect(out.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
        ingest.stop();
        for (const ev of events)
            ami.emit(ev);
        expect(out).toHaveLength(3);
    });
    it('holds events that arrive during a resync and applies them after it, so a new channel is not taken for a vanished one', async () => {
        const events = await readTranscript('inbound-answered.ami');
        let release = () => { };
        const { ami, out, tracker } = setup(() => new Promise((resolve) => { release = resolve; }));
        ami.reconnect(); // resync starts and waits for CoreShowChannels
        for (const ev of events.slice(0, 12))
            ami.emit(ev); // the call starts meanwhile
        expect(out).toEqual([]);
        release([]); // the list was taken before the call existed
        await new Promise((r) => setImmediate(r));
        expect(tracker.openCallCount).toBe(1); // still open: the held events came after the list
        for (const ev of events.slice(12))
            ami.emit(ev);
        expect(out.filter((e) => e.stage === 'ended')).toHaveLength(1);
        expect(out.find((e) => e.stage === 'ended')?.endReason).toBe('hangup');
    });
    it('ends a call whose channels vanished while AMI was away, on the PBX clock', async () => {
        const events = await readTranscript('inbound-answered.ami');
        const skewMs = -3_600_000; // our clock is an hour ahead of the PBX
        const { ami, out } = setup(async () => [], () => (events[0]?.timeMs ?? 0) - skewMs + 10_000);
        for (const ev of events.slice(0, 40))
            ami.emit(ev);
        expect(out.some((e) => e.stage === 'ended')).toBe(false);
        ami.reconnect();
        await new Promise((r) => setImmediate(r));
        const ended = out.find((e) => e.stage === 'ended');
        expect(ended?.endReason).toBe('vanished');
        const lastSeen = events[39]?.timeMs ?? 0;
        expect(ended?.atMs).toBeGreaterThanOrEqual(lastSeen);
        expect(ended?.atMs).toBeLessThan(lastSeen + 60_000); // not an hour off
    });
});
