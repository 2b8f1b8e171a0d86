import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, replay } from './tracker-harness.js';
import { currentAgent } from '../../../src/sync/responsible-policy.js';
/** fixtures/ami/pjsip/README.md: trunk endpoint SIP-TRUNK-1234, DEFAULT_COUNTRY=RU. */
const PJSIP = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'], trunkContextPatterns: [] };
/** The CoreShowChannel item Asterisk would list for the channel of `ev`, as it is at the time of the listing. */
function listed(ev, now) {
    if (!ev)
        throw new Error('no such event in the fixture');
    const keep = ['channel', 'calleridnum', 'calleridname', 'connectedlinenum', 'context', 'exten', 'uniqueid', 'linkedid', 'accountcode'];
    const fields = { event: 'CoreShowChannel' };
    for (const k of keep)
        fields[k] = ev.fields[k] ?? '';
    Object.assign(fields, { channelstate: now.state, bridgeid: now.bridgeId, duration: now.duration });
    return { name: 'CoreShowChannel', fields, multi: {}, vars: {}, timeMs: 0 };
}
const sec = (s) => Math.round(s * 1000);
const ended = (out) => out.filter((e) => e.stage === 'ended');
async function pjsip(name) {
    return readTranscript(`pjsip/${name}.ami`);
}
describe('calls that change while nobody reads AMI', () => {
    it('takes an answer that happened in the gap from the refreshed legs (bridged, up) and ends the call answered', async () => {
        const events = await pjsip('inbound-answered');
        const tracker = new CallTracker(PJSIP);
        const before = events.slice(0, 10); // up to 201 ringing (last event 1796220564.270697)
        replay(tracker, before);
        const trunk = events.find((e) => e.name === 'Newchannel' && e.fields['channel']?.startsWith('PJSIP/SIP-TRUNK'));
        const phone = events.find((e) => e.name === 'Newchannel' && e.fields['channel']?.startsWith('PJSIP/201'));
        const nowMs = sec(1796220569); // both channels are 4.7 s old: Duration 00:00:04 (whole seconds, rounded down)
        const out = tracker.resync([
            listed(trunk, { state: '6', bridgeId: 'dbaa', duration: '00:00:04' }),
            listed(phone, { state: '6', bridgeId: 'dbaa', duration: '00:00:04' }),
        ], nowMs, false);
        // the answer is bounded below by the last event seen while it rang (564.270697) and by the phone channel's creation
        // as the listing gives it (now - 4 s = 565): the later one; the PBX answered at 566.27, unseen
        expect(out).toMatchObject([{ stage: 'answered', atMs: sec(1796220565), call: { answeredBy: '201', answerUnobserved: true } }]);
        const rest = replay(tracker, events.filter((e) => e.name === 'Hangup'));
        expect(ended(rest)).toMatchObject([{ endReason: 'hangup', call: { disposition: 'answered', answeredBy: '201', talkDurationSec: 5, answerUnobserved: true } }]);
        expect(ended(rest)[0]?.call.endedUnobserved).toBeUndefined();
    });
    it('marks a call that was ringing and vanished in the gap as ended unobserved, not as a seen miss', async () => {
        const events = await pjsip('inbound-answered');
        const tracker = new CallTracker(PJSIP);
        replay(tracker, events.slice(0, 10));
        const out = tracker.resync([], sec(1796220572), false);
        expect(ended(out)).toMatchObject([{ endReason: 'vanished', call: { endedUnobserved: true, endReason: 'vanished', answeredBy: null } }]);
    });
    it('ends a call that vanished in the gap at its last sign of life, not at the resync, so the gap is no talk time', async () => {
        const events = await pjsip('inbound-answered');
        const tracker = new CallTracker(PJSIP);
        replay(tracker, events.slice(0, 17)); // 201 answered and bridged, last event 1796220566.276115; then AMI is cut
        const booted = { name: 'FullyBooted', fields: {}, multi: {}, vars: {}, timeMs: sec(1796220630) };
        replay(tracker, [booted]); // the new login, a minute later; the hang-up (570.28) was sent to nobody
        const out = tracker.resync([], sec(1796220631), false);
        expect(ended(out)).toMatchObject([{
                atMs: sec(1796220566.276115), endReason: 'vanished',
                call: { endedAtMs: sec(1796220566.276115), endedUnobserved: true, endReason: 'vanished', disposition: 'answered', answeredBy: '201', talkDurationSec: 0 },
            }]);
    });
    it('takes the connection\'s last event before the gap as the vanished call\'s last sign of life when it is later', async () => {
        const answered = await pjsip('inbound-answered');
        const missed = await pjsip('inbound-missed');
        const tracker = new CallTracker(PJSIP);
        replay(tracker, answered.slice(0, 17));
        // another call rings on the same connection up to 1796220579.767403 with no hang-up of the first: it still talked then
        replay(tracker, missed.slice(1, 10));
        replay(tracker, [{ name: 'FullyBooted', fields: {}, multi: {}, vars: {}, timeMs: sec(1796220700) }]);
        const out = ended(tracker.resync([], sec(1796220701), false));
        const first = out.find((e) => e.call.id === 'pbx22-1796220564.0');
        // answered at 566.27 (201 up and bridged), alive at 579.77: 13 s of talk known, not the 135 s up to the resync
        expect(first).toMatchObject({ atMs: sec(1796220579.767403), call: { endReason: 'vanished', endedUnobserved: true, talkDurationSec: 13 } });
        const second = out.find((e) => e.call.id === 'pbx22-1796220579.0');
        expect(second).toMatchObject({ atMs: sec(1796220579.767403), call: { endReason: 'vanished', endedUnobserved: true, answeredBy: null } });
    });
    it('learns the extension and number of an outbound call it adopts, and that it is answered', async () => {
        const events = await pjsip('outbound-answered');
        const bridged = events.filter((e) => e.name === 'BridgeEnter');
        const tracker = new CallTracker(PJSIP);
        const nowMs = sec(1796220671); // both channels 3.05 s old: Duration 00:00:03; answer bound 668, hang-up 673.967
        const out = tracker.resync(bridged.map((ev) => listed(ev, { state: '6', bridgeId: ev.fields['bridgeuniqueid'] ?? '', duration: '00:00:03' })), nowMs, false);
        expect(out.map((e) => e.stage)).toEqual(['ringing', 'answered']);
        expect(out[1]).toMatchObject({
            atMs: nowMs - 3000,
            call: { direction: 'outbound', callerExtension: '201', externalNumber: '+74951112233', answeredBy: '+74951112233', answerUnobserved: true },
        });
        const rest = replay(tracker, events.filter((e) => e.name === 'Hangup'));
        expect(ended(rest)).toMatchObject([{ call: { disposition: 'answered', callerExtension: '201', talkDurationSec: 6 } }]);
    });
});
describe('a blind transfer answered while nobody read AMI (blind-transfer.ami: 201 answers, transfers to 202 at 802.36)', () => {
    const TALKING = 'bridge-202'; // the bridge 202 and the caller's Local;2 are in after the transfer (its id does not matter)
    /** The live channels at 806 (202 answered at 804.37): the caller's Local pair and 202's, all up; 202;1 bridged with the caller. */
    function liveAfterTransfer(events) {
        const born = (name) => events.find((e) => e.name === 'Newchannel' && e.fields['channel'] === name);
        return [
            listed(born('Local/4951230000@from-trunk-00000000;1'), { state: '6', bridgeId: '', duration: '00:00:09' }),
            listed(born('Local/4951230000@from-trunk-00000000;2'), { state: '6', bridgeId: TALKING, duration: '00:00:09' }),
            listed(born('Local/202@operators-00000002;1'), { state: '6', bridgeId: TALKING, duration: '00:00:04' }),
            listed(born('Local/202@operators-00000002;2'), { state: '6', bridgeId: '', duration: '00:00:04' }),
        ];
    }
    async function endAfterGap(cut) {
        const events = await readTranscript('blind-transfer.ami');
        const tracker = new CallTracker(ASTERISK22);
        replay(tracker, events.slice(0, events.findIndex(cut)));
        tracker.resync(liveAfterTransfer(events), sec(1795413806), false);
        const rest = replay(tracker, events.filter((e) => e.name === 'Hangup' && e.timeMs >= sec(1795413810)));
        const [end] = ended(rest);
        if (!end)
            throw new Error('the call did not end');
        return end;
    }
    it('takes 202 as answered when it was ringing at the cut and talks at the resync', async () => {
        // cut just before 202 answers (Newstate Up of Local/202;2 at 804.365953)
        const end = await endAfterGap((e) => e.name === 'Newstate' && e.fields['channel'] === 'Local/202@operators-00000002;2' && e.fields['channelstate'] === '6');
        expect(end.call).toMatchObject({ disposition: 'answered', answeredBy: '201', talkDurationSec: 11 }); // 799.36 → 810.37
        expect(end.call.rang.map((r) => [r.target, r.outcome])).toEqual([['201', 'answered'], ['202', 'answered']]);
        expect(end.call.answerUnobserved).toBeUndefined(); // the call's own answer (201) was seen
        expect(currentAgent(end.call)).toBe('202'); // so the CRM shows 202 as the one who has the caller
    });
    it('adopts 202\'s legs into the known call when even the transfer\'s dial fell in the gap, and takes its answer', async () => {
        // cut right after the caller left 201's bridge (802.364828): 202's channels were never seen
        const end = await endAfterGap((e) => e.name === 'Newchannel' && e.fields['channel'] === 'Local/202@operators-00000002;1');
        expect(end.call).toMatchObject({ disposition: 'answered', answeredBy: '201' });
        expect(end.call.rang.map((r) => [r.target, r.outcome])).toEqual([['201', 'answered'], ['202', 'answered']]);
        expect(currentAgent(end.call)).toBe('202');
    });
});
describe('a PBX that restarted', () => {
    it('ends the calls open before at the last event seen from the PBX, with pbx-restart, not at the resync', async () => {
        const events = await pjsip('inbound-answered');
        const tracker = new CallTracker(PJSIP);
        replay(tracker, events.slice(0, 17)); // answered and bridged; the PBX dies after 1796220566.276115
        const out = tracker.resync([], sec(1796220580), true);
        expect(ended(out)).toMatchObject([{
                atMs: sec(1796220566.276115), endReason: 'pbx-restart',
                call: { endedAtMs: sec(1796220566.276115), endedUnobserved: true, endReason: 'pbx-restart', disposition: 'answered', answeredBy: '201' },
            }]);
    });
    it('after a daemon restart too: the events of the new connection applied first do not move the end', async () => {
        const events = await pjsip('inbound-answered');
        const first = new CallTracker(PJSIP);
        replay(first, events.slice(0, 17));
        const tracker = CallTracker.fromJSON(JSON.parse(JSON.stringify(first.parts())), PJSIP);
        const booted = { name: 'FullyBooted', fields: { uptime: '5' }, multi: {}, vars: {}, timeMs: sec(1796220590) };
        const fresh = events.slice(1, 3).map((e) => ({ ...e, fields: { ...e.fields, uniqueid: `new-${e.fields['uniqueid']}`, linkedid: 'new-1' }, timeMs: sec(1796220591) }));
        replay(tracker, [booted, ...fresh]);
        const out = tracker.resync([], sec(1796220592), true);
        expect(ended(out).find((e) => e.call.id === 'pbx22-1796220564.0')).toMatchObject({ atMs: sec(1796220566.276115), endReason: 'pbx-restart' });
    });
    it('tells a restart by the CoreStatus start-up time it keeps in its saved state; Uptime only when that is unknown', () => {
        const tracker = new CallTracker(PJSIP);
        expect(tracker.isPbxRestart('2026-12-02 17:00:00', false)).toBe(false); // nothing known yet
        expect(tracker.isPbxRestart('2026-12-02 17:00:00', true)).toBe(true); // then the Uptime hint decides
        tracker.resync([], 1, false, '2026-12-02 17:00:00');
        const saved = CallTracker.fromJSON(JSON.parse(JSON.stringify(tracker.parts())), PJSIP);
        expect(saved.isPbxRestart('2026-12-02 17:00:00', true)).toBe(false); // same start-up: a lower Uptime is no restart
        expect(saved.isPbxRestart('2026-12-02 17:04:41', false)).toBe(true);
        expect(saved.isPbxRestart(null, false)).toBe(false);
        const delta = tracker.takeDelta(true);
        expect(delta.meta.pbx?.startup).toBe('2026-12-02 17:00:00');
        const fromParts = CallTracker.fromParts({ ...delta.meta, parts: [], ended: [] }, PJSIP);
        expect(fromParts.isPbxRestart('2026-12-02 17:04:41', false)).toBe(true);
    });
});
