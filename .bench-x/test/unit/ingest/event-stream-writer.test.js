import { describe, expect, it, vi } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { Outbox } from '../../../src/ingest/outbox.js';
import { TrackerStore } from '../../../src/ingest/tracker-store.js';
import { readTranscript } from '../../support/read-transcript.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { ASTERISK22 } from '../calls/tracker-harness.js';
function streamOptions(prefix) {
    return {
        key: `${prefix}:console:events`, currentKey: `${prefix}:console:current`, maxLen: 10_000, keepMs: 3600_000,
        entry: (ev) => ({ callId: ev.call.id, json: JSON.stringify([ev.call.id, ev.seq, ev.stage]), current: ev.stage !== 'ended' }),
    };
}
async function streamed(prefix) {
    const rows = (await testRedis().xrange(`${prefix}:console:events`, '-', '+'));
    return rows.map(([, f]) => JSON.parse(f[1] ?? 'null'));
}
describe('the event stream written with the tracker state', () => {
    it('holds every call event once, in order, and the current calls\' last entry, whatever the write rhythm', async () => {
        const prefix = uniquePrefix();
        const redis = testRedis();
        const store = new TrackerStore(redis, prefix, 'a', streamOptions(prefix));
        const tracker = new CallTracker(ASTERISK22);
        const box = new Outbox(10_000);
        const all = [];
        for (const [i, ev] of (await readTranscript('attended-transfer.ami')).entries()) {
            for (const ce of tracker.apply(ev)) {
                box.add(ce);
                all.push(ce);
            }
            if (i % 7 === 0) {
                void store.write(tracker, {}, box);
                box.cover();
            }
            if (box.waitingCount > 0 && i % 3 === 0)
                box.stored(box.take(2));
        }
        await store.write(tracker, {}, box);
        expect(all.length).toBeGreaterThan(3);
        expect(await streamed(prefix)).toEqual(all.map((ev) => [ev.call.id, ev.seq, ev.stage]));
        expect(await redis.hlen(`${prefix}:console:current`)).toBe(tracker.openCallCount);
    });
    it('does not stream again the loaded outbox a new holder starts with, and re-sends what a failed write carried', async () => {
        const prefix = uniquePrefix();
        const redis = testRedis();
        const events = await readTranscript('inbound-answered.ami');
        const tracker = new CallTracker(ASTERISK22);
        const box = new Outbox(1000);
        const produced = events.flatMap((ev) => tracker.apply(ev));
        const [first, ...rest] = produced;
        if (!first)
            throw new Error('the transcript produced no call event');
        box.add(first);
        const store = new TrackerStore(redis, prefix, 'b', streamOptions(prefix));
        store.restart(box.next); // `first` came from the loaded outbox: the old holder streamed it
        box.cover();
        for (const ev of rest)
            box.add(ev);
        const realMulti = redis.multi.bind(redis);
        vi.spyOn(redis, 'multi').mockImplementationOnce(() => {
            const multi = realMulti();
            multi.exec = () => Promise.reject(new Error('connection lost')); // never sent
            return multi;
        });
        await expect(store.write(tracker, {}, box)).rejects.toThrow('connection lost');
        expect(await streamed(prefix)).toEqual([]);
        await store.write(tracker, {}, box);
        expect(await streamed(prefix)).toEqual(rest.map((ev) => [ev.call.id, ev.seq, ev.stage]));
    });
});
