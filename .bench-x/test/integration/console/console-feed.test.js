import { describe, expect, it, onTestFinished } from 'vitest';
import { toConsoleCard } from '../../../src/console/console-card.js';
import { aCall, aCallEvent, inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { ConsoleSseClient } from '../../../harness/ami/console-sse-client.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
import { signIn } from '../../support/console-client.js';
import { consoleUsersFile } from '../../support/console-users.js';
import { startTestDaemon, waitForJournal } from '../../support/test-daemon.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
function page(port, cookie, lastEventId = null) {
    const seen = [];
    const client = new ConsoleSseClient({
        url: `http://127.0.0.1:${port}/console/api/events`, cookie, lastEventId,
        onMessage: (m) => seen.push({ event: m.event, id: m.id, ...JSON.parse(m.data) }),
    });
    onTestFinished(() => client.drop());
    return { client, seen, cards: () => seen.filter((s) => s.event === 'card') };
}
async function consoleDaemon(env, port) {
    return startTestDaemon({
        amiPort: Number(env['AMI_PORT']),
        env: { CONSOLE_USERS_FILE: await consoleUsersFile(), HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', TRUNK_CONTEXT_PATTERNS: '-incoming$', ...env },
        options: { listen: true },
    });
}
/** Every card event of the stream in Redis, for one call, oldest first. */
async function streamSeqs(prefix, callId) {
    const redis = testRedis();
    const rows = (await redis.xrange(`${prefix}:console:events`, '-', '+'));
    return rows.map(([, f]) => JSON.parse(f[1] ?? '{}')).filter((c) => c.callId === callId).map((c) => c.seq);
}
describe('console feed', { timeout: 60_000 }, () => {
    it('pushes a ringing card to the operator it rings for, and nothing to the others', async () => {
        const port = await freePort();
        const amiPort = await freePort();
        const daemon = await consoleDaemon({ AMI_PORT: String(amiPort) }, port);
        await waitFor(() => daemon.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
        const anna = page(port, (await signIn(daemon.http, '201')).cookie);
        const boris = page(port, (await signIn(daemon.http, '202')).cookie);
        await waitFor(() => anna.seen.length > 0 && boris.seen.length > 0, { what: 'both snapshots', timeoutMs: 8000 });
        expect(anna.seen[0]).toMatchObject({ event: 'snapshot', cards: [] });
        await startTestAmiServer({ port: amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 4 });
        await waitForJournal(daemon, 1);
        await waitFor(() => anna.cards().some((c) => c.card?.stage === 'ended'), { what: 'the end on 201', timeoutMs: 8000 });
        const first = anna.cards()[0];
        expect(first).toMatchObject({ view: 'ringing', card: { number: '+7 926 111-22-33', stage: 'ringing', ringing: ['201'] } });
        expect(anna.cards().map((c) => c.view)).toContain('talking');
        expect(anna.cards().at(-1)?.view).toBe('gone');
        expect(boris.cards()).toEqual([]);
    });
    it.each(['blind-transfer.ami', 'attended-transfer.ami'])('%s: the target (202) is sent "talking" from its answer to the end', async (file) => {
        const port = await freePort();
        const amiPort = await freePort();
        const daemon = await consoleDaemon({ AMI_PORT: String(amiPort), TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$' }, port);
        await waitFor(() => daemon.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
        const anna = page(port, (await signIn(daemon.http, '201')).cookie);
        const boris = page(port, (await signIn(daemon.http, '202')).cookie);
        await waitFor(() => anna.seen.length > 0 && boris.seen.length > 0, { what: 'both snapshots', timeoutMs: 8000 });
        await startTestAmiServer({ port: amiPort, transcripts: [amiFixture(file)], speed: 8 });
        await waitForJournal(daemon, 1);
        await waitFor(() => boris.cards().some((c) => c.card?.stage === 'ended'), { what: 'the end on 202', timeoutMs: 8000 });
        const views = boris.cards().map((c) => c.view);
        const talking = views.indexOf('talking');
        expect(views.slice(0, talking)).toContain('ringing');
        expect(views.slice(talking)).toEqual([...views.slice(talking, -1).map(() => 'talking'), 'gone']);
        expect(boris.cards()[talking]?.card?.talking).toContain('202'); // (in the consult of an attended transfer 201 talks too)
        expect(anna.cards().at(-2)?.view).toBe('elsewhere'); // 201 handed it on
    });
    it('resumes after a dropped connection with exactly the events it missed', async () => {
        const port = await freePort();
        const amiPort = await freePort();
        const daemon = await consoleDaemon({ AMI_PORT: String(amiPort) }, port);
        await waitFor(() => daemon.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
        const cookie = (await signIn(daemon.http, '201')).cookie;
        const before = page(port, cookie);
        await waitFor(() => before.seen.length > 0, { what: 'the snapshot', timeoutMs: 8000 });
        await startTestAmiServer({ port: amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 2 });
        await waitFor(() => before.cards().length > 0, { what: 'the ringing card', timeoutMs: 8000 });
        before.client.drop();
        const callId = before.cards()[0]?.card?.callId ?? '';
        const [record] = await waitForJournal(daemon, 1);
        const after = page(port, cookie, before.client.lastEventId);
        await waitFor(() => after.cards().some((c) => c.card?.stage === 'ended'), { what: 'the missed end', timeoutMs: 8000 });
        expect(after.seen.some((s) => s.event === 'snapshot')).toBe(false);
        const seqs = [...before.cards(), ...after.cards()].map((c) => c.card?.seq);
        expect(seqs).toEqual(await streamSeqs(daemon.config.redis.prefix, callId));
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(record?.id).toBe(callId);
    });
    it('sends a snapshot instead when the events after the page\'s id are no longer kept', async () => {
        const port = await freePort();
        const prefix = uniquePrefix();
        const daemon = await consoleDaemon({ AMI_PORT: String(await freePort()), REDIS_PREFIX: prefix }, port);
        const redis = testRedis();
        const key = `${prefix}:console:events`;
        const json = JSON.stringify(toConsoleCard(inboundAnsweredEvents({ rang: ['201'] })[0] ?? aCallEvent('ringing', aCall())));
        const old = await redis.xadd(key, '*', 'card', json);
        await redis.xadd(key, '*', 'card', json);
        await redis.xadd(key, '*', 'card', json);
        await redis.xtrim(key, 'MAXLEN', 1); // `old` and the entry after it are gone
        const cookie = (await signIn(daemon.http, '201')).cookie;
        const back = page(port, cookie, old);
        await waitFor(() => back.seen.length > 0, { what: 'the first message', timeoutMs: 8000 });
        expect(back.seen[0]?.event).toBe('snapshot');
        const stale = page(port, cookie, '1-0');
        await waitFor(() => stale.seen.length > 0, { what: 'the first message', timeoutMs: 8000 });
        expect(stale.seen[0]?.event).toBe('snapshot');
    });
    it('gives a page on a standby instance the same stream as one on the instance reading AMI', async () => {
        const prefix = uniquePrefix();
        const amiPort = await freePort();
        const [portA, portB] = [await freePort(), await freePort()];
        const a = await consoleDaemon({ AMI_PORT: String(amiPort), REDIS_PREFIX: prefix }, portA);
        await waitFor(() => a.reader.isActive, { what: 'A to read AMI', timeoutMs: 8000 });
        const b = await consoleDaemon({ AMI_PORT: String(amiPort), REDIS_PREFIX: prefix }, portB);
        expect(b.reader.isActive).toBe(false);
        const onA = page(portA, (await signIn(a.http, '201')).cookie);
        const onB = page(portB, (await signIn(b.http, '201')).cookie);
        await waitFor(() => onA.seen.length > 0 && onB.seen.length > 0, { what: 'both snapshots', timeoutMs: 8000 });
        await startTestAmiServer({ port: amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 4 });
        await waitFor(() => onA.cards().some((c) => c.card?.stage === 'ended') && onB.cards().some((c) => c.card?.stage === 'ended'), { what: 'the end on both', timeoutMs: 8000 });
        expect(onB.cards().map((c) => [c.id, c.card?.seq, c.view])).toEqual(onA.cards().map((c) => [c.id, c.card?.seq, c.view]));
    });
    it('misses and doubles nothing when the daemon restarts mid-call and the page comes back', async () => {
        const prefix = uniquePrefix();
        const amiPort = await freePort();
        const port = await freePort();
        const first = await consoleDaemon({ AMI_PORT: String(amiPort), REDIS_PREFIX: prefix }, port);
        await waitFor(() => first.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
        const cookie = (await signIn(first.http, '201')).cookie;
        const before = page(port, cookie);
        await waitFor(() => before.seen.length > 0, { what: 'the snapshot', timeoutMs: 8000 });
        await startTestAmiServer({ port: amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 1 });
        await waitFor(() => before.cards().length > 0, { what: 'the ringing card', timeoutMs: 8000 });
        const callId = before.cards()[0]?.card?.callId ?? '';
        await first.stop();
        const second = await consoleDaemon({ AMI_PORT: String(amiPort), REDIS_PREFIX: prefix }, port);
        const after = page(port, cookie, before.client.lastEventId); // the session lives in Redis: same cookie
        await waitFor(() => after.cards().some((c) => c.card?.stage === 'ended'), { what: 'the end after the restart', timeoutMs: 15_000 });
        expect(after.seen.some((s) => s.event === 'snapshot')).toBe(false);
        const seqs = [...before.cards(), ...after.cards()].map((c) => c.card?.seq);
        expect(seqs).toEqual(await streamSeqs(prefix, callId));
        expect(seqs).toEqual([...seqs].sort((x, y) => (x ?? 0) - (y ?? 0)));
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(second.reader.isActive).toBe(true);
    });
});
