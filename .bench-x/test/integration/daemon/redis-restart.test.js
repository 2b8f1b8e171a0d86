import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startPrivateRedis } from '../../../harness/redis/private-redis.js';
import { fixtureWithLeadIn, journaledCalls, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
import { startAofRedis } from './aof-redis.js';
import { skipWithoutRedisServer } from '../../support/test-redis.js';
import { waitFor } from '../../../harness/poll.js';
// every test here stops and restarts a Redis of its own (never the shared REDIS_URL)
beforeEach((ctx) => { skipWithoutRedisServer(ctx); });
const CALLER = '+74951234567';
/** inbound-answered, every time taken from its events: nothing about it may change because Redis went away. */
const THE_CALL = {
    id: '1795413735.0', direction: 'inbound', externalNumber: CALLER, line: '4951230000', agent: '201', disposition: 'answered',
    startedAtMs: 1795413735221, answeredAtMs: 1795413737225, endedAtMs: 1795413740230, ringDurationSec: 2, talkDurationSec: 3, hangupCause: 16,
};
/**
 * Replays inbound-answered against a daemon on `redisUrl`; freezes the PBX once the call rings and the ringing stage is
 * applied, takes Redis down, lets the PBX answer and hang up while Redis is away, and brings Redis back.
 */
async function callAcrossOutage(redisUrl, outage, graceMs) {
    let pbxRef = null;
    const stages = [];
    const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: 4 }, {
        env: { REDIS_URL: redisUrl },
        options: {
            onCallEvent: (ev) => { stages.push(ev.stage); if (ev.stage === 'ringing')
                pbxRef?.pause(); },
            ...(graceMs === undefined ? {} : { workerTimings: { missingPredecessorGraceMs: graceMs } }),
        },
    });
    pbxRef = pbx;
    await waitFor(() => (daemon.crm.workers?.stats().applied ?? 0) >= 1, { what: 'the ringing stage to be applied', timeoutMs: 5000 });
    const probe = new Redis(redisUrl);
    try { // applied *and* marked done (the worker marks it right after applying), so a crash now cannot undo it
        await waitFor(async () => (await probe.get(`${daemon.config.redis.prefix}:order:${THE_CALL.id}`)) === '0', { what: 'the ringing stage marked done', timeoutMs: 8000 });
    }
    finally {
        probe.disconnect();
    }
    const contactBefore = await daemon.localCrm().findByPhone(CALLER);
    expect(contactBefore?.name).toBe('No name');
    await outage.down();
    try {
        await waitFor(() => !daemon.writer.redisConnected(), { what: 'Redis to go away', timeoutMs: 5000 });
        pbx.resume();
        await waitFor(() => daemon.reader.openCalls === 0, { what: 'the call to end in the tracker (answer and hangup during the outage)', timeoutMs: 5000 });
        // answered and ended happened while Redis was away; they wait in memory (not yet in Redis) until it returns
        expect(stages).toEqual(['ringing', 'answered', 'ended']);
        expect(daemon.writer.bufferCounters().flushed).toBe(1);
        expect(await daemon.get('/ready', null)).toMatchObject({ status: 503, body: { status: 'not_ready', ami: 'connected', redis: false } });
    }
    finally {
        await outage.up(); // also when an assertion failed: a daemon cannot stop while Redis is away (see graceful-stop)
    }
    return { daemon, contactBefore: contactBefore?.entity };
}
async function expectJournaledOnce(daemon) {
    const [call] = await waitForJournal(daemon, 1, 8000);
    expect(call).toMatchObject(THE_CALL);
    await waitFor(() => daemon.writer.bufferCounters().buffered === 0, { what: 'the buffer to flush', timeoutMs: 5000 });
    expect(daemon.writer.bufferCounters()).toMatchObject({ accepted: 3, flushed: 3, dropped: 0 });
    expect(await journaledCalls(daemon)).toHaveLength(1);
    expect(await daemon.localCrm().entitiesOf(CALLER)).toHaveLength(1);
    const contact = await daemon.localCrm().findByPhone(CALLER);
    if (!contact)
        throw new Error('no contact after the restart');
    expect((await daemon.localCrm().history(contact.entity)).map((h) => [h.callId, h.disposition, h.talkDurationSec])).toEqual([[THE_CALL.id, 'answered', 3]]);
    expect(daemon.crm.workers?.stats()).toMatchObject({ failedPermanent: 0, failedExhausted: 0 });
    expect(daemon.reader.isActive).toBe(true); // the lease survived the restart (or was taken again by the same holder)
    expect((await daemon.get('/ready', null)).status).toBe(200);
}
describe('Redis restarted in the middle of a call', () => {
    it('with persistence (AOF, fsync always) and a hard crash: the call is journaled once, on the records made before the crash', async () => {
        const redis = await startAofRedis();
        const { daemon, contactBefore } = await callAcrossOutage(redis.url, { down: () => redis.crash(), up: () => redis.start() });
        await expectJournaledOnce(daemon);
        expect((await daemon.localCrm().findByPhone(CALLER))?.entity).toEqual(contactBefore); // the contact made before the crash
        const ref = await daemon.crm.syncStore.getRef(THE_CALL.id);
        expect(ref).toMatchObject({ callId: THE_CALL.id, crmCallId: `local-${THE_CALL.id}` }); // registered before the crash, reused after
        expect(daemon.logLines().some((l) => l.includes('previous call stage never arrived'))).toBe(false);
    });
    it('without persistence (the demo/test redis): the call is still journaled once, but everything Redis held is gone', async () => {
        const redis = await startPrivateRedis();
        onTestFinished(() => redis.stop());
        const { daemon } = await callAcrossOutage(redis.url, { down: () => redis.stop(), up: () => redis.restart() }, 500);
        await expectJournaledOnce(daemon);
        // What a volatile Redis costs: the ringing job, its order mark and the CRM handle made before the restart are gone,
        // so the next stage waited out missingPredecessorGraceMs and registered the call again (a remote CRM would now
        // hold it twice: run Redis with appendonly yes in production).
        expect(daemon.logLines().some((l) => l.includes('previous call stage never arrived'))).toBe(true);
        expect(daemon.crm.workers?.stats().deferred).toBeGreaterThan(0);
    });
});
