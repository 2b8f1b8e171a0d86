import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { startTestDaemon, TEST_API_TOKEN } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const LEASE_TTL_MS = 1500;
describe('a standby instance (no AMI lease)', () => {
    it('keeps no AMI session, places a click-to-call on a short-lived Events: off session, and connects (the other disconnects) when the lease moves', async () => {
        const port = await freePort();
        const prefix = uniquePrefix();
        const start = (name) => startTestDaemon({
            amiPort: port, env: { REDIS_PREFIX: prefix, KNOWN_EXTENSIONS: '201' }, options: { instanceId: `daemon-${name}`, leaseTtlMs: LEASE_TTL_MS },
        });
        const pbx = await startTestAmiServer({ port });
        const a = await start('a');
        await waitFor(() => a.reader.isActive && a.ami.state === 'connected', { what: 'daemon a to hold the lease and log in', timeoutMs: 5000 });
        const b = await start('b');
        await new Promise((r) => setTimeout(r, LEASE_TTL_MS)); // several lease rounds of b
        expect([a.reader.isActive, b.reader.isActive]).toEqual([true, false]);
        expect(b.ami.state).toBe('standby');
        expect(pbx.loggedInCount).toBe(1);
        expect(pbx.actions.filter((x) => x.name === 'Login')).toHaveLength(1);
        const ready = await b.get('/ready');
        expect(ready.status).toBe(200); // standby is a ready state
        expect(ready.body).toMatchObject({ ami: 'standby', pbx: [{ id: `127.0.0.1:${port}`, state: 'standby', leaseHolder: 'daemon-a', thisInstance: false }] });
        const res = await b.http.inject({
            method: 'POST', url: '/v1/originate', headers: { authorization: `Bearer ${TEST_API_TOKEN}` }, payload: { from: '201', to: '84951112233' },
        });
        expect(res.statusCode).toBe(202);
        const { callId } = res.json();
        const logins = pbx.actions.filter((x) => x.name === 'Login');
        expect(logins).toHaveLength(2);
        expect(logins[1]?.fields['events']).toBe('off');
        expect(logins[0]?.fields['events']).toBeUndefined(); // the holder's session gets the event stream
        expect(pbx.actions.find((x) => x.name === 'Originate')?.fields['channelid']).toBe(callId);
        await waitFor(() => pbx.loggedInCount === 1, { what: 'the short-lived session to log off', timeoutMs: 5000 });
        expect(pbx.actions.some((x) => x.name === 'Logoff')).toBe(true);
        // the lease moves to b (as when a's renewals stop reaching Redis in time): a disconnects, b connects
        await testRedis().set(`${prefix}:lease:ami:127.0.0.1:${port}`, 'daemon-b', 'PX', LEASE_TTL_MS);
        await waitFor(() => b.ami.state === 'connected' && a.ami.state === 'standby', { what: 'b to take over and a to log off', timeoutMs: LEASE_TTL_MS * 3 });
        expect([a.reader.isActive, b.reader.isActive]).toEqual([false, true]);
        // a's side is standby once it sent Logoff; the PBX counts it out when its socket closes, a moment later
        await waitFor(() => pbx.loggedInCount === 1, { what: `one AMI session left (${pbx.loggedInCount})`, timeoutMs: 2000 });
    });
});
