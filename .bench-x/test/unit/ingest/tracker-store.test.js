import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { Outbox } from '../../../src/ingest/outbox.js';
import { TrackerStore } from '../../../src/ingest/tracker-store.js';
import { readTranscript } from '../../support/read-transcript.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { ASTERISK22, replay } from '../calls/tracker-harness.js';
describe('TrackerStore', () => {
    it('writes deltas and the outbox in one MULTI; load rebuilds the tracker and the outbox in order', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const store = new TrackerStore(redis, prefix, 'a');
        const events = await readTranscript('attended-transfer.ami');
        const straight = replay(new CallTracker(ASTERISK22), events);
        const tracker = new CallTracker(ASTERISK22);
        const box = new Outbox(1000);
        const half = Math.floor(events.length / 2);
        const before = [];
        for (const [i, ev] of events.slice(0, half).entries()) {
            const out = tracker.apply(ev);
            before.push(...out);
            for (const ce of out)
                box.add(ce);
            if (i % 5 === 0) {
                void store.write(tracker, {}, box);
                box.cover();
            }
            while (box.counters().buffered > 3 && box.waitingCount > 0)
                box.stored(box.take(1)); // only the 3 newest unstored
        }
        await store.write(tracker, {}, box);
        const unstored = box.since(0).map(([, ce]) => ce);
        expect(unstored.length).toBeGreaterThan(0);
        expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(tracker.openCallCount);
        expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(unstored.length);
        const loaded = await new TrackerStore(redis, prefix, 'b').load();
        expect(loaded?.holder).toBe('a');
        expect(loaded?.outbox).toEqual(unstored);
        const restored = CallTracker.fromJSON(loaded?.state, ASTERISK22);
        expect([...before, ...replay(restored, events.slice(half))]).toEqual(straight);
    });
    it('the first write after restart() replaces what another holder left', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        await redis.hset(`${prefix}:tracker:calls`, 'stale', '{}');
        await redis.hset(`${prefix}:tracker:outbox`, 'stale-1', '[0,{}]');
        const store = new TrackerStore(redis, prefix, 'a');
        await store.write(new CallTracker(ASTERISK22), {}, new Outbox(10));
        expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(0);
        expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(0);
        expect(CallTracker.fromJSON((await store.load())?.state, ASTERISK22).openCallCount).toBe(0);
    });
    it('still reads a whole (version 2) value an older version wrote', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const events = await readTranscript('attended-transfer.ami');
        const tracker = new CallTracker(ASTERISK22);
        replay(tracker, events.slice(0, 20));
        // the same rows as the parts, laid out as version 2 did: every leg, every call, every bridge, the ended ids
        const delta = tracker.takeDelta(true);
        const parts = [...delta.calls.values()].map((json) => JSON.parse(json));
        const whole = {
            version: 2, nextOrder: delta.meta.nextOrder, legs: parts.flatMap((p) => p.l), calls: parts.map((p) => p.c),
            bridges: [...new Map(parts.flatMap((p) => p.b)).entries()], ended: delta.ended,
        };
        await redis.set(`${prefix}:tracker:state`, JSON.stringify({ holder: 'old', savedAtMs: 0, state: whole, outbox: [] }));
        const loaded = await new TrackerStore(redis, prefix, 'new').load();
        expect(loaded?.holder).toBe('old');
        const restored = CallTracker.fromJSON(loaded?.state, ASTERISK22);
        expect(replay(restored, events.slice(20))).toEqual(replay(tracker, events.slice(20)));
    });
    it('rewrites everything after another holder wrote, or after Redis lost the state', async () => {
        const redis = testRedis();
        const prefix = uniquePrefix();
        const tracker = new CallTracker(ASTERISK22);
        replay(tracker, (await readTranscript('attended-transfer.ami')).slice(0, 20));
        const store = new TrackerStore(redis, prefix, 'a');
        const box = new Outbox(10);
        await store.write(tracker, {}, box);
        const open = await redis.hlen(`${prefix}:tracker:calls`);
        expect(open).toBeGreaterThan(0);
        await redis.del(`${prefix}:tracker:calls`, `${prefix}:tracker:state`); // Redis restarted empty
        await store.write(tracker, {}, box); // a delta (nothing changed) that finds the meta gone
        await store.write(tracker, {}, box); // so this one is full
        expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(open);
        await redis.set(`${prefix}:tracker:state`, JSON.stringify({ holder: 'b', savedAtMs: 0, state: { version: 3, nextOrder: 0 } }));
        await redis.del(`${prefix}:tracker:calls`);
        await store.write(tracker, {}, box);
        await store.write(tracker, {}, box);
        expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(open);
    });
});
