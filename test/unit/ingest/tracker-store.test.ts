import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../src/calls/call.js';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { Outbox } from '../../../src/ingest/outbox.js';
import { TrackerStore } from '../../../src/ingest/tracker-store.js';
import { readTranscript } from '../../support/read-transcript.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { ASTERISK22, replay } from '../calls/tracker-harness.js';

describe('TrackerStore, incremental layout', () => {
  it('saves deltas and the outbox in one MULTI; load rebuilds the tracker and the outbox in order', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const store = new TrackerStore(redis, prefix, 'a', { incremental: true });
    const events = await readTranscript('attended-transfer.ami');
    const straight = replay(new CallTracker(ASTERISK22), events);
    const tracker = new CallTracker(ASTERISK22);
    let outbox: CallEvent[] = [];
    const box = new Outbox(3_600_000, 3); // the 3 newest forwarded events
    store.setTrackerSource(tracker, box);
    const half = Math.floor(events.length / 2);
    const before: CallEvent[] = [];
    for (const [i, ev] of events.slice(0, half).entries()) {
      const out = tracker.apply(ev);
      before.push(...out);
      for (const ce of out) { box.add(ce); box.forwarded(1); }
      outbox = [...outbox, ...out].slice(-3);
      if (i % 5 === 0) await store.save(() => { throw new Error('not called'); });
    }
    await store.save(() => null);
    expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(tracker.openCallCount);
    expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(outbox.length);
    const loaded = await new TrackerStore(redis, prefix, 'b', { incremental: true }).load();
    expect(loaded?.holder).toBe('a');
    expect(loaded?.outbox).toEqual(outbox);
    const restored = CallTracker.fromJSON(loaded?.state, ASTERISK22);
    expect([...before, ...replay(restored, events.slice(half))]).toEqual(straight);
  });

  it('the first save of a new source replaces what another holder left', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}:tracker:calls`, 'stale', '{}');
    await redis.hset(`${prefix}:tracker:outbox`, 'stale-1', '[0,{}]');
    const store = new TrackerStore(redis, prefix, 'a', { incremental: true });
    store.setTrackerSource(new CallTracker(ASTERISK22), new Outbox(1000, 10));
    await store.save(() => null);
    expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(0);
    expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(0);
    expect(CallTracker.fromJSON((await store.load())?.state, ASTERISK22).openCallCount).toBe(0);
  });

  it('still loads a whole (version 2) value, and the whole layout still saves one', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const tracker = new CallTracker(ASTERISK22);
    replay(tracker, (await readTranscript('attended-transfer.ami')).slice(0, 20));
    const whole = new TrackerStore(redis, prefix, 'old', { incremental: false });
    whole.setTrackerSource(tracker, new Outbox(1000, 10));
    await whole.save(() => null);
    const loaded = await new TrackerStore(redis, prefix, 'new', { incremental: true }).load();
    expect(loaded?.state).toMatchObject({ version: 2 });
    expect(CallTracker.fromJSON(loaded?.state, ASTERISK22).toJSON()).toEqual(tracker.toJSON());
  });
});

describe('TrackerStore, incremental layout, lost writes', () => {
  it('rewrites everything after another holder wrote, or after Redis lost the state', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const tracker = new CallTracker(ASTERISK22);
    const events = await readTranscript('attended-transfer.ami');
    replay(tracker, events.slice(0, 20));
    const store = new TrackerStore(redis, prefix, 'a', { incremental: true });
    store.setTrackerSource(tracker, new Outbox(1000, 10));
    await store.save(() => null);
    const open = await redis.hlen(`${prefix}:tracker:calls`);
    expect(open).toBeGreaterThan(0);
    await redis.del(`${prefix}:tracker:calls`, `${prefix}:tracker:state`); // Redis restarted empty
    await store.save(() => null); // a delta (nothing changed) that finds the meta gone
    await store.save(() => null); // so this one is full
    expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(open);
    await redis.set(`${prefix}:tracker:state`, JSON.stringify({ holder: 'b', savedAtMs: 0, state: { version: 3, nextOrder: 0 } }));
    await redis.del(`${prefix}:tracker:calls`);
    await store.save(() => null);
    await store.save(() => null);
    expect(await redis.hlen(`${prefix}:tracker:calls`)).toBe(open);
  });
});
