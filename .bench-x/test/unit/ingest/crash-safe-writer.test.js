import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { CrashSafeWriter } from '../../../src/ingest/crash-safe-writer.js';
import { TrackerStore } from '../../../src/ingest/tracker-store.js';
import { silentLogger } from '../../../src/log.js';
import { jobIdFor } from '../../../src/queue/job-id.js';
import { readTranscript } from '../../support/read-transcript.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/test-redis.js';
import { ASTERISK22 } from '../calls/tracker-harness.js';
const tick = () => new Promise((r) => setImmediate(r));
function writer(redisUrl, prefix, bufferMax = 10_000) {
    const w = new CrashSafeWriter({ redis: redisUrl, prefix, holder: 'a', attempts: 1, bufferMax, log: silentLogger(), saveEveryMs: 3_600_000 });
    onTestFinished(() => w.close(1000));
    return w;
}
/** Feeds events to the tracker in pieces of `piece`, one task each (as the AMI stream arrives); returns the call events. */
async function feed(w, tracker, events, piece) {
    const out = [];
    for (let i = 0; i < events.length; i += piece) {
        for (const ev of events.slice(i, i + piece))
            for (const ce of tracker.apply(ev)) {
                out.push(ce);
                w.push(ce);
            }
        await tick();
    }
    return out;
}
describe('CrashSafeWriter', () => {
    it('sends the state with the outbox listing an event before the event\'s job, on its one connection', async () => {
        const prefix = uniquePrefix();
        // a Redis of its own: MONITOR on the shared one sees every other test file's traffic, which ioredis's monitor
        // parser has been seen to choke on ("Command queue state error") while the suite runs
        const own = await startPrivateRedis();
        onTestFinished(() => own.stop());
        const ownClient = new Redis(own.url);
        onTestFinished(() => { ownClient.disconnect(); });
        const monitor = await ownClient.monitor();
        onTestFinished(() => { monitor.disconnect(); });
        const commands = [];
        monitor.on('monitor', (_time, args) => { if (args.some((a) => a.includes(prefix)))
            commands.push(args); });
        const w = writer(own.url, prefix);
        const tracker = new CallTracker(ASTERISK22);
        w.begin(tracker);
        const out = await feed(w, tracker, await readTranscript('attended-transfer.ami'), 7);
        expect(await w.drained(5000)).toBe(true);
        await new Promise((r) => setTimeout(r, 100)); // the monitor lags a little
        expect(out.length).toBeGreaterThan(3);
        for (const ce of out) {
            const job = commands.findIndex((args) => args.includes(jobIdFor(ce.call.id, ce.seq)));
            const listed = commands.findIndex((args) => args[0]?.toLowerCase() === 'hset' && args[1] === `${prefix}:tracker:outbox`
                && args.some((a) => a.includes(`"seq":${ce.seq}`) && a.includes(ce.call.id)));
            expect(job, jobIdFor(ce.call.id, ce.seq)).toBeGreaterThan(-1);
            expect(listed, jobIdFor(ce.call.id, ce.seq)).toBeGreaterThan(-1);
            expect(listed).toBeLessThan(job);
        }
        const loaded = await new TrackerStore(ownClient, prefix, 'b').load();
        expect(CallTracker.fromJSON(loaded?.state, ASTERISK22).parts()).toEqual(tracker.parts());
    });
    it('keeps at most 4 state writes unanswered while Redis is away; later events wait and go with the next; all arrive after', async () => {
        const redis = await startPrivateRedis();
        onTestFinished(() => redis.stop());
        await redis.stop();
        const writes = vi.spyOn(TrackerStore.prototype, 'write'); // counts, changes nothing
        const w = writer(redis.url, 'away');
        const tracker = new CallTracker(ASTERISK22);
        w.begin(tracker);
        const out = await feed(w, tracker, await readTranscript('inbound-answered.ami'), 1);
        expect(out).toHaveLength(3);
        const extra = (seq) => ({ ...out[0], seq: 100 + seq });
        for (let i = 0; i < 3; i += 1) {
            w.push(extra(i));
            await tick();
        }
        expect(writes).toHaveBeenCalledTimes(4); // the 5th and 6th events wait for an answer
        expect(w.bufferCounters()).toMatchObject({ buffered: 6, dropped: 0 });
        await redis.restart();
        expect(await w.drained(10_000)).toBe(true);
        expect(writes).toHaveBeenCalledTimes(5); // one write for both waiting events
        expect(w.bufferCounters()).toMatchObject({ buffered: 0, flushed: 6 });
    });
    it('at a lease loss drops what no state write covers yet; at a stop covers and writes it', async () => {
        const prefix = uniquePrefix();
        const w = writer(testRedisUrl(), prefix);
        const events = await readTranscript('inbound-answered.ami');
        const lost = new CallTracker(ASTERISK22);
        w.begin(lost);
        const out = events.flatMap((ev) => lost.apply(ev));
        for (const ce of out)
            w.push(ce);
        await w.end({ save: false });
        expect(w.bufferCounters()).toMatchObject({ buffered: 0, dropped: out.length });
        const kept = new CallTracker(ASTERISK22);
        w.begin(kept);
        for (const ev of events) {
            const ringing = kept.apply(ev);
            for (const ce of ringing)
                w.push(ce);
            if (ringing.length > 0)
                break;
        }
        await w.end({ save: true });
        expect(await w.drained(5000)).toBe(true);
        expect(w.bufferCounters()).toMatchObject({ flushed: 1 }); // ringing
        const loaded = await new TrackerStore(testRedis(), prefix, 'b').load();
        expect(CallTracker.fromJSON(loaded?.state, ASTERISK22).openCallCount).toBe(1);
    });
    it('a save writes only when the tracker changed or stored events left the outbox', async () => {
        const prefix = uniquePrefix();
        const redis = testRedis();
        const w = writer(testRedisUrl(), prefix);
        const tracker = new CallTracker(ASTERISK22);
        w.begin(tracker);
        await feed(w, tracker, await readTranscript('inbound-answered.ami'), 1000);
        expect(await w.drained(5000)).toBe(true);
        const savedAt = async () => JSON.parse((await redis.get(`${prefix}:tracker:state`)) ?? '{}').savedAtMs;
        expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(3); // stored, but no write since
        await w.save();
        expect(await redis.hlen(`${prefix}:tracker:outbox`)).toBe(0);
        const first = await savedAt();
        await new Promise((r) => setTimeout(r, 5));
        await w.save();
        expect(await savedAt()).toBe(first);
    });
    it('starts the periodic saves at a random point of the first period, so PBXs connected together do not save together', () => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
        onTestFinished(() => { vi.useRealTimers(); });
        const phases = [0.75, 0.1];
        const random = vi.spyOn(Math, 'random').mockImplementation(() => phases.shift() ?? 0);
        onTestFinished(() => random.mockRestore());
        const saves = [];
        for (const name of ['a', 'b']) {
            const w = new CrashSafeWriter({ redis: testRedisUrl(), prefix: uniquePrefix(), holder: name, attempts: 1, bufferMax: 10, log: silentLogger(), saveEveryMs: 1000 });
            onTestFinished(() => w.close(1000));
            vi.spyOn(w, 'save').mockImplementation(() => { saves.push([name, Date.now()]); return Promise.resolve(); });
            w.begin(new CallTracker(ASTERISK22));
        }
        const start = Date.now();
        vi.advanceTimersByTime(2_999);
        expect(saves.map(([name, at]) => [name, at - start])).toEqual([['b', 100], ['a', 750], ['b', 1100], ['a', 1750], ['b', 2100], ['a', 2750]]);
    });
});
