import { describe, expect, it } from 'vitest';
import { TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, journaledCalls, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const CALL_ID = '1795413735.0'; // inbound-answered: rings 201, answered at 2 s, caller hangs up at 5 s
const SPEED = 4;
/** A daemon reading inbound-answered at SPEED; `onAnswered` runs inside the daemon's event handling, right after the answer. */
async function replayWithHook(onAnswered) {
    const events = [];
    let pbxRef = null;
    const started = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: SPEED }, {
        options: {
            onCallEvent: (ev) => {
                events.push(ev);
                if (ev.stage === 'answered' && pbxRef)
                    onAnswered(pbxRef);
            },
        },
    });
    pbxRef = started.pbx;
    return { ...started, events };
}
describe('AMI dropped in the middle of a call', () => {
    it('ends a call that hung up while the daemon was away (resync finds it gone), and records it once', async () => {
        const { daemon, pbx, events } = await replayWithHook((server) => {
            server.setSecret('rotated-while-we-were-away'); // keeps the daemon out until we say so
            server.dropClients();
        });
        await waitFor(() => events.some((e) => e.stage === 'answered'), { what: 'the call to be answered', timeoutMs: 5000 });
        await pbx.finished; // the hangup and the rest of the transcript are played to nobody
        expect(daemon.ami.state).toBe('auth-failed');
        expect(daemon.reader.openCalls).toBe(1);
        expect(await journaledCalls(daemon)).toEqual([]);
        pbx.setSecret(TEST_AMI_SECRET);
        const [call] = await waitForJournal(daemon, 1);
        expect(call).toMatchObject({
            id: CALL_ID, direction: 'inbound', externalNumber: '+74951234567', line: '4951230000', agent: '201',
            disposition: 'answered', ringDurationSec: 2, answeredAtMs: 1795413737225,
        });
        // The hangup (1795413740.229) was never seen: the call ends at its last sign of life before the drop (the answer, or
        // an event right after it), not at the resync, and says so.
        expect(call?.endedAtMs).toBeGreaterThanOrEqual(1795413737225);
        expect(call?.endedAtMs).toBeLessThan(1795413740229);
        expect(call).toMatchObject({ endedUnobserved: true, endReason: 'vanished' });
        expect(events.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
        expect(events.at(-1)?.endReason).toBe('vanished');
        expect(daemon.ami.stats().reconnects).toBe(1);
        await waitFor(() => (daemon.crm.workers?.stats().applied ?? 0) >= 3, { what: 'every stage applied', timeoutMs: 5000 });
        expect(await journaledCalls(daemon)).toHaveLength(1);
        expect(daemon.reader.openCalls).toBe(0);
    });
    it('continues a call that is still up after the reconnect, and records it exactly as if nothing happened', async () => {
        let dropped = false;
        const { daemon, pbx, events } = await replayWithHook((server) => {
            dropped = true;
            server.dropClients(); // the daemon reconnects within ~50 ms; the caller hangs up 3 s / SPEED later
        });
        await pbx.finished;
        const [call] = await waitForJournal(daemon, 1);
        expect(dropped).toBe(true);
        expect(daemon.ami.stats().reconnects).toBe(1);
        expect(call).toMatchObject({
            id: CALL_ID, direction: 'inbound', externalNumber: '+74951234567', line: '4951230000', agent: '201',
            disposition: 'answered', ringDurationSec: 2, talkDurationSec: 3, hangupCause: 16,
            startedAtMs: 1795413735221, answeredAtMs: 1795413737225, endedAtMs: 1795413740230,
        });
        expect(events.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
        expect(events.at(-1)?.endReason).toBe('hangup');
        await waitFor(() => (daemon.crm.workers?.stats().applied ?? 0) >= 3, { what: 'every stage applied', timeoutMs: 5000 });
        expect(await journaledCalls(daemon)).toHaveLength(1);
    });
});
