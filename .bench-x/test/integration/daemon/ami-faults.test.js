import { describe, expect, it } from 'vitest';
import { TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, journaledCalls, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
import { BINARY_JUNK, EVENT_WITH_JUNK_LINES, HEADERLESS_FRAME, OVERSIZED_FRAME } from '../../fixtures/ami/malformed-frames.js';
import { waitFor } from '../../../harness/poll.js';
const THE_CALL = {
    id: '1795413735.0', direction: 'inbound', externalNumber: '+74951234567', line: '4951230000', agent: '201', disposition: 'answered',
    startedAtMs: 1795413735221, answeredAtMs: 1795413737225, endedAtMs: 1795413740230, ringDurationSec: 2, talkDurationSec: 3,
};
/** Well-formed frames that make no sense: unknown or empty ids, missing fields, a non-numeric cause and timestamp. */
const NONSENSE_EVENTS = [
    'Event: Hangup\r\nPrivilege: call,all\r\nChannel: SIP/ghost-00000001\r\nUniqueid: 999.1\r\nLinkedid: 999.1\r\nCause: abc\r\n\r\n',
    'Event: Newchannel\r\nPrivilege: call,all\r\nChannel: \r\nUniqueid: \r\nLinkedid: \r\n\r\n',
    'Event: DialBegin\r\nPrivilege: call,all\r\nDestUniqueid: 999.2\r\n\r\n',
    'Event: BridgeEnter\r\nPrivilege: call,all\r\nTimestamp: not-a-number\r\nBridgeUniqueid: \r\n\r\n',
    'Event: Newstate\r\nPrivilege: call,all\r\nChannel: SIP/ghost-00000002\r\nChannelState: x\r\nUniqueid: 999.3\r\nLinkedid: 999.3\r\n\r\n',
];
describe('a hostile AMI stream', () => {
    it('skips malformed frames in the middle of a call; the call is recorded once, correctly, without a reconnect', async () => {
        let pbxRef = null;
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: 4 }, {
            options: {
                onCallEvent: (ev) => {
                    if (ev.stage !== 'ringing' || !pbxRef)
                        return;
                    for (const bytes of [BINARY_JUNK, HEADERLESS_FRAME, OVERSIZED_FRAME, EVENT_WITH_JUNK_LINES])
                        pbxRef.injectRaw(bytes);
                },
            },
        });
        pbxRef = pbx;
        await pbx.finished;
        const [call] = await waitForJournal(daemon, 1);
        expect(call).toMatchObject(THE_CALL);
        const stats = daemon.ami.stats();
        expect(stats).toMatchObject({ state: 'connected', reconnects: 0 });
        expect(stats.malformedFrames).toBeGreaterThanOrEqual(4);
        expect(daemon.logLines().filter((l) => l.includes('AMI malformed frame skipped')).length).toBeGreaterThan(0);
        await waitFor(() => daemon.reader.openCalls === 0, { what: 'no call left open', timeoutMs: 2000 });
        expect(await journaledCalls(daemon)).toHaveLength(1);
        expect((await daemon.get('/metrics', null)).text).toMatch(/^pcb_ami_malformed_frames_total [1-9]\d*$/m);
        expect((await daemon.get('/ready', null)).status).toBe(200);
    });
    // Such frames are real (the tail of a call whose start the daemon missed): a Hangup/Newstate about a channel the
    // tracker never saw must not open (and journal) a phantom call; live channels are adopted by the resync instead.
    it('opens and journals no call for well-formed events about channels it never saw', async () => {
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [] });
        await daemon.ami.waitConnected(3000);
        for (const bytes of NONSENSE_EVENTS)
            pbx.injectRaw(bytes);
        pbx.injectRaw('Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: done\r\n\r\n');
        await waitFor(() => daemon.ami.stats().eventsReceived >= NONSENSE_EVENTS.length + 1, { what: 'the events to arrive', timeoutMs: 5000 });
        await new Promise((resolve) => setTimeout(resolve, 300)); // let the workers apply whatever was queued
        expect(daemon.ami.stats().state).toBe('connected');
        expect(daemon.reader.openCalls).toBe(0);
        expect(await journaledCalls(daemon)).toEqual([]);
    });
    it('names AMI_USERNAME/AMI_SECRET on a wrong password, reports auth-failed, keeps retrying, and recovers when the PBX is fixed', async () => {
        const { daemon, pbx } = await startDaemonThenPbx({
            transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: 4, secret: 'the-pbx-was-given-another-secret',
        });
        await waitFor(() => daemon.ami.stats().authFailures >= 3, { what: 'three failed logins', timeoutMs: 5000 });
        const errors = daemon.logLines().filter((l) => l.includes('"level":50'));
        expect(errors).toHaveLength(1); // logged once per burst of retries
        expect(errors[0]).toContain('AMI login failed');
        expect(errors[0]).toContain('check AMI_USERNAME/AMI_SECRET');
        // routing, click-to-call refusals and the queue still work: the instance stays ready and shows the PBX's state
        const ready = await daemon.get('/ready', null);
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({
            status: 'ready', ami: 'auth-failed', redis: true, workers: 'running',
            pbx: [{ id: `127.0.0.1:${pbx.port}`, state: 'auth-failed', leaseHolder: daemon.instanceId, thisInstance: true, stale: false }],
        });
        expect((await daemon.get('/health', null)).status).toBe(200); // alive: a wrong password is not a crash
        expect(await journaledCalls(daemon)).toEqual([]);
        pbx.setSecret(TEST_AMI_SECRET);
        await daemon.ami.waitConnected(3000);
        expect((await daemon.get('/ready', null)).status).toBe(200);
        const [call] = await waitForJournal(daemon, 1);
        expect(call).toMatchObject(THE_CALL);
        expect(daemon.ami.lastError).toBeNull();
    });
});
