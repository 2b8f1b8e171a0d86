import { expect, onTestFinished } from 'vitest';
import { waitFor } from '../../../harness/poll.js';
import { connectRedis } from '../../../src/net/redis-client.js';
import { amiFixture } from '../../support/ami-replay.js';
import { consoleUsersFile } from '../../support/console-users.js';
import { fixtureWithLeadIn, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
/** inbound-answered, from its events: the call whose ringing is in Redis when the master dies. */
const FIRST_CALL = {
    id: '1795413735.0', direction: 'inbound', externalNumber: '+74951234567', line: '4951230000', agent: '201', disposition: 'answered',
    startedAtMs: 1795413735221, answeredAtMs: 1795413737225, endedAtMs: 1795413740230, ringDurationSec: 2, talkDurationSec: 3,
};
/** outbound.ami: the call that starts after the failover. */
const SECOND_CALL = { direction: 'outbound', agent: '201', disposition: 'answered' };
const PERIOD = 'from=2026-11-23&to=2026-11-24&tz=Europe%2FMoscow';
/**
 * The whole pipeline (AMI over TCP → tracker → crash-safe writer → BullMQ → local CRM → journal, with the console's
 * card stream and the per-call trace in the state MULTI) on the Redis of `env`, through the loss of its master:
 * the PBX freezes once the first call's ringing is applied and marked done, `killMaster` kills the master and
 * waits for the replica to take over, then the PBX answers and hangs up that call and makes a second one. Each
 * call must be journaled exactly once, every call event must reach the console stream exactly once, and the
 * reports (Lua over the counters) must count both.
 */
export async function pipelineThroughFailover(env, killMaster) {
    let pbxRef = null;
    const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami'), amiFixture('outbound.ami')], speed: 4 }, {
        env: { ...env, CONSOLE_USERS_FILE: await consoleUsersFile() },
        options: { onCallEvent: (ev) => { if (ev.stage === 'ringing' && ev.call.id === FIRST_CALL.id)
                pbxRef?.pause(); } },
    });
    pbxRef = pbx;
    const probe = connectRedis(daemon.config.redis.connection, { maxRetriesPerRequest: null });
    probe.on('error', () => { });
    onTestFinished(() => { probe.disconnect(); });
    const prefix = daemon.config.redis.prefix;
    await waitFor(async () => (await probe.get(`${prefix}:order:${FIRST_CALL.id}`)) === '0', { what: 'the ringing stage applied and marked done', timeoutMs: 8000 });
    await killMaster(daemon);
    pbx.resume();
    await pbx.finished;
    const calls = await waitForJournal(daemon, 2, 15_000);
    expect(calls.map((c) => c.id).sort()).toEqual([...new Set(calls.map((c) => c.id))].sort()); // each once
    expect(calls.find((c) => c.id === FIRST_CALL.id)).toMatchObject(FIRST_CALL);
    expect(calls.find((c) => c.id !== FIRST_CALL.id)).toMatchObject(SECOND_CALL);
    await waitFor(() => daemon.writer.bufferCounters().buffered === 0, { what: 'every call event in Redis', timeoutMs: 5000 });
    const counters = daemon.writer.bufferCounters();
    expect(counters).toMatchObject({ dropped: 0, flushed: counters.accepted });
    expect(daemon.crm.workers?.stats()).toMatchObject({ failedPermanent: 0, failedExhausted: 0 });
    // the console's card stream (written in the state MULTI): every call event once, in order
    const rows = (await probe.xrange(`${prefix}:console:events`, '-', '+'));
    expect(rows).toHaveLength(counters.accepted);
    const journaled = await daemon.get('/v1/calls?limit=10');
    expect(journaled.status).toBe(200);
    expect(journaled.body.items).toHaveLength(2);
    const report = await daemon.get(`/v1/reports/operators?${PERIOD}`);
    expect(report.status).toBe(200);
    const rowsByOperator = report.body.rows;
    expect(rowsByOperator).toEqual([expect.objectContaining({ extension: '201', inbound: 1, answered: 1, outbound: 1 })]);
    const trace = await daemon.get(`/v1/calls/${FIRST_CALL.id}/trace`);
    expect(trace.status).toBe(200);
    expect((await daemon.get('/ready', null)).status).toBe(200);
    return daemon;
}
