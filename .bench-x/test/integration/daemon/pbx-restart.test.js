import { describe, expect, it } from 'vitest';
import { TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
const CALL_ID = '1795413735.0'; // inbound-answered: rings 201, answered at 2 s, caller hangs up at 5 s
const SPEED = 4;
describe('a PBX killed and restarted in the middle of a call', () => {
    it('is told by its CoreStatus start-up time (the Uptime is higher than before) and ends the call at its last event', async () => {
        const events = [];
        let pbxRef = null;
        let restarted = false;
        // uptime 0 at the first login; after the restart it is higher (the daemon comes back later), so Uptime alone misses it
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: SPEED, uptimeBaseSec: 0 }, {
            options: {
                onCallEvent: (ev) => {
                    events.push(ev);
                    if (ev.stage !== 'answered' || !pbxRef || restarted)
                        return;
                    restarted = true;
                    pbxRef.setSecret('kept-out-until-the-pbx-is-back');
                    pbxRef.restart(); // kill -9: no Hangup is ever sent for this call
                },
            },
        });
        pbxRef = pbx;
        let lastSeenMs = 0;
        let away = false;
        daemon.ami.onDisconnected(() => { away = true; });
        daemon.ami.onEvent((ev) => { if (!away && ev.name !== 'FullyBooted')
            lastSeenMs = Math.max(lastSeenMs, ev.timeMs); });
        await waitFor(() => restarted && away, { what: 'the PBX to die after the answer', timeoutMs: 5000 });
        await pbx.finished;
        await new Promise((resolve) => setTimeout(resolve, 1100)); // the new start-up time is a later second; Uptime grows past 0
        pbx.setSecret(TEST_AMI_SECRET);
        const [call] = await waitForJournal(daemon, 1);
        expect(call).toMatchObject({
            id: CALL_ID, disposition: 'answered', agent: '201', answeredAtMs: 1795413737225,
            endedUnobserved: true, endReason: 'pbx-restart', endedAtMs: lastSeenMs,
        });
        expect(lastSeenMs).toBeGreaterThanOrEqual(1795413737225);
        expect(lastSeenMs).toBeLessThan(1795413740230); // before the caller's hang-up, which the dead PBX never sent
        expect(events.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
        expect(events.at(-1)?.endReason).toBe('pbx-restart');
        expect(pbx.actions.filter((a) => a.name === 'CoreStatus').length).toBeGreaterThanOrEqual(2);
    });
});
