import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { uniquePrefix } from '../../support/test-redis.js';
import { fixtureWithLeadIn, journaledCalls, startTestDaemon, waitForJournal } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const LEASE_TTL_MS = 1500;
describe('two daemons on one Redis prefix and one PBX', () => {
    it('reads AMI on exactly one of them, journals each call once, and hands over when the holder stops', async () => {
        const port = await freePort();
        const prefix = uniquePrefix();
        const seen = { a: [], b: [] };
        const start = (name) => startTestDaemon({
            amiPort: port, env: { REDIS_PREFIX: prefix },
            options: { instanceId: `daemon-${name}`, leaseTtlMs: LEASE_TTL_MS, onCallEvent: (ev) => { seen[name].push(ev); } },
        });
        const a = await start('a');
        await waitFor(() => a.reader.isActive, { what: 'daemon a to take the lease', timeoutMs: 5000 });
        const b = await start('b');
        // the second call starts 16 s (PBX time, 4 s here) after the first: the handover happens in between
        const pbx = await startTestAmiServer({
            port, speed: 4, transcripts: [fixtureWithLeadIn('inbound-answered.ami'), fixtureWithLeadIn('outbound.ami', 16)],
        });
        await waitFor(() => pbx.loggedInCount === 1, { what: 'the holder on AMI', timeoutMs: 5000 });
        await new Promise((r) => setTimeout(r, LEASE_TTL_MS)); // a few lease rounds of the standby
        expect(pbx.loggedInCount).toBe(1); // the standby does not log in (nor get the event stream)
        const holders = () => [a.reader.isActive, b.reader.isActive];
        await waitForJournal(a, 1);
        expect(holders()).toEqual([true, false]);
        expect(seen.a.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
        expect(seen.b).toEqual([]);
        const stoppedAt = Date.now();
        await a.stop();
        await waitFor(() => b.reader.isActive, { what: 'daemon b to take over', timeoutMs: LEASE_TTL_MS * 3 });
        const takeoverMs = Date.now() - stoppedAt;
        expect(takeoverMs).toBeLessThan(LEASE_TTL_MS * 2);
        await waitFor(() => b.ami.state === 'connected', { what: 'daemon b on AMI', timeoutMs: 5000 });
        expect(a.ami.state).toBe('closed');
        expect(pbx.loggedInCount).toBe(1);
        const calls = await waitForJournal(b, 2);
        expect(calls.map((c) => [c.id, c.direction, c.disposition, c.agent])).toEqual([
            ['1795413782.0', 'outbound', 'answered', '201'],
            ['1795413735.0', 'inbound', 'answered', '201'],
        ]);
        expect(seen.b.map((e) => `${e.call.id}:${e.stage}`)).toEqual(['1795413782.0:ringing', '1795413782.0:answered', '1795413782.0:ended']);
        await waitFor(() => (b.crm.workers?.stats().applied ?? 0) >= 3, { what: 'daemon b to apply the second call', timeoutMs: 5000 });
        expect(await journaledCalls(b)).toHaveLength(2);
    });
    it('hands a call in progress over: the new holder continues it from the saved tracker state and journals it once', async () => {
        const port = await freePort();
        const prefix = uniquePrefix();
        const seen = [];
        const start = (name) => startTestDaemon({
            amiPort: port, env: { REDIS_PREFIX: prefix },
            options: { instanceId: `daemon-${name}`, leaseTtlMs: LEASE_TTL_MS, onCallEvent: (ev) => { seen.push(`${name}:${ev.stage}:${ev.seq}`); } },
        });
        const a = await start('a');
        await waitFor(() => a.reader.isActive, { what: 'daemon a to take the lease', timeoutMs: 5000 });
        const b = await start('b');
        // real time: the call talks 3 s, longer than the handover (the new holder connects to AMI only when it holds the lease)
        await startTestAmiServer({ port, speed: 1, transcripts: [fixtureWithLeadIn('inbound-answered.ami')] });
        await waitFor(() => seen.includes('a:answered:1'), { what: 'the call to be answered on daemon a', timeoutMs: 5000 });
        await a.stop();
        await waitFor(() => b.reader.isActive, { what: 'daemon b to take over', timeoutMs: LEASE_TTL_MS * 3 });
        expect(b.reader.openCalls).toBe(1); // loaded from the state daemon a saved when it stopped
        const [call] = await waitForJournal(b, 1);
        expect(seen).toEqual(['a:ringing:0', 'a:answered:1', 'b:ended:2']);
        expect(call).toMatchObject({
            id: '1795413735.0', direction: 'inbound', externalNumber: '+74951234567', agent: '201', disposition: 'answered',
            startedAtMs: 1795413735221, answeredAtMs: 1795413737225, endedAtMs: 1795413740230, ringDurationSec: 2, talkDurationSec: 3,
        });
        await waitFor(() => (b.crm.workers?.stats().applied ?? 0) >= 1, { what: 'daemon b to apply the end', timeoutMs: 5000 });
        expect(await journaledCalls(b)).toHaveLength(1);
    });
});
