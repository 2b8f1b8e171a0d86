import { describe, expect, it, onTestFinished } from 'vitest';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { skipWithoutRedisServer, uniquePrefix } from '../../support/test-redis.js';
import { journaledCalls, startDaemonThenPbx, startTestDaemon } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const TRANSCRIPTS = ['inbound-answered', 'inbound-missed', 'inbound-queue', 'outbound', 'blind-transfer', 'recorded-call', 'inbound-busy', 'attended-transfer'];
/** Handles that keep a process alive (sockets, servers, timers that are ref'ed), by type. */
function liveHandles() {
    const counts = {};
    for (const type of process.getActiveResourcesInfo())
        counts[type] = (counts[type] ?? 0) + 1;
    return counts;
}
describe('graceful stop', () => {
    it('resolves promptly with work in flight, hands every emitted call to Redis, and leaves no sockets open', async () => {
        const before = liveHandles();
        const prefix = uniquePrefix();
        const ended = [];
        let stopNow = () => undefined;
        const stopRequested = new Promise((resolve) => { stopNow = resolve; });
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: TRANSCRIPTS.map((n) => amiFixture(`${n}.ami`)), speed: 0 }, {
            env: { REDIS_PREFIX: prefix },
            options: { onCallEvent: (ev) => { if (ev.stage === 'ended' && ev.endReason !== 'merged')
                    ended.push(ev); if (ended.length === 3)
                    stopNow(); } },
        });
        await waitFor(() => ended.length >= 3, { what: 'three calls to end', timeoutMs: 5000 });
        await stopRequested; // calls are streaming in, jobs are queued and being applied
        const t0 = Date.now();
        await daemon.stop();
        const stopMs = Date.now() - t0;
        expect(stopMs).toBeLessThan(5000);
        expect(daemon.ami.state).toBe('closed');
        expect(daemon.reader.isActive).toBe(false);
        expect(daemon.writer.bufferCounters().buffered).toBe(0); // drained into Redis before closing
        await daemon.stop(); // idempotent
        await pbx.close();
        await waitFor(() => {
            const now = liveHandles();
            return ['TCPSocketWrap', 'TCPServerWrap', 'TCPWRAP'].every((t) => (now[t] ?? 0) <= (before[t] ?? 0));
        }, { what: 'every socket the daemon opened to be closed', timeoutMs: 3000 });
        // Nothing emitted was lost: a fresh daemon's workers finish what the stopped one queued. (Its reader also takes
        // over the stopped one's saved tracker state and ends the calls still open at the stop as vanished: journaled too.)
        const pbx2 = await startTestAmiServer({ transcripts: [] });
        const next = await startTestDaemon({ amiPort: pbx2.port, env: { REDIS_PREFIX: prefix } });
        const endedIds = [...new Set(ended.map((e) => e.call.id))].sort();
        let journaled = [];
        await waitFor(async () => {
            journaled = (await journaledCalls(next)).map((c) => c.id);
            return endedIds.every((id) => journaled.includes(id));
        }, { what: 'every call the stopped daemon ended to be journaled', timeoutMs: 8000 });
        expect(journaled).toHaveLength(new Set(journaled).size);
    });
    // With Redis unreachable BullMQ's worker.close() (even forced) never resolves: SyncWorkers.close bounds every step.
    it('resolves within a bound even when Redis is away at stop time', async (ctx) => {
        skipWithoutRedisServer(ctx); // stops a Redis of its own
        const redis = await startPrivateRedis();
        onTestFinished(() => redis.stop());
        const { daemon } = await startDaemonThenPbx({ transcripts: [] }, {
            env: { REDIS_URL: redis.url }, options: { workerTimings: { closeTimeoutMs: 1000 } },
        });
        await daemon.ami.waitConnected(3000);
        await redis.stop();
        await waitFor(() => !daemon.writer.redisConnected(), { what: 'Redis to go away', timeoutMs: 5000 });
        let timer;
        const outcome = await Promise.race([
            daemon.stop().then(() => 'stopped'),
            new Promise((resolve) => { timer = setTimeout(() => resolve('still stopping after 5 s'), 5000); }),
        ]);
        clearTimeout(timer);
        expect(outcome).toBe('stopped');
        expect(daemon.ami.state).toBe('closed');
    });
});
