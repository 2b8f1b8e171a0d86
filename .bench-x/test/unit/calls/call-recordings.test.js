import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { CALL_FIELDS } from '../../../src/calls/tracker-persistence.js';
import { readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, CACOFONISK, endedCalls, replay } from './tracker-harness.js';
const PJSIP = { ...ASTERISK22, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'], trunkContextPatterns: ['-incoming$'] };
const MONITOR = '/var/spool/asterisk/monitor/2026/12/02/';
/**
 * A real transfer recording with MixMonitor started on each answering leg, as the PJSIP box does it
 * (fixtures/ami/pjsip/README.md): `channelvars = MIXMONITOR_FILENAME` puts `MIXMONITOR_FILENAME=` (empty) on every
 * event of a channel until its recording starts, then the path; a `MixMonitorStart` of the channel follows the
 * DialEnd ANSWER towards it. `files` maps the answering leg's Uniqueid to its recording.
 */
function recordOnAnswer(events, files) {
    const started = new Set();
    const out = [];
    const withFile = (ev, uid) => ({ ...ev, vars: { ...ev.vars, MIXMONITOR_FILENAME: started.has(uid) ? files[uid] ?? '' : '' } });
    for (const ev of events) {
        const uid = ev.fields['uniqueid'] ?? '';
        out.push(uid in files ? withFile(ev, uid) : ev);
        const dest = ev.fields['destuniqueid'] ?? '';
        if (ev.name === 'DialEnd' && ev.fields['dialstatus'] === 'ANSWER' && dest in files && !started.has(dest)) {
            started.add(dest);
            const fields = { event: 'MixMonitorStart' };
            for (const [key, value] of Object.entries(ev.fields))
                if (key.startsWith('dest'))
                    fields[key.slice(4)] = value;
            out.push(withFile({ name: 'MixMonitorStart', fields, multi: {}, vars: {}, timeMs: ev.timeMs }, dest));
        }
    }
    return out;
}
function finalCall(out) {
    const ended = endedCalls(out).filter((e) => e.endReason !== 'merged');
    expect(ended).toHaveLength(1);
    return ended[0]?.call;
}
describe('CallTracker keeps every recording of a call', () => {
    it('a blind transfer: 201 and then 202 record, both files in that order', async () => {
        // blind-transfer.ami: 201 answers (Local/201@operators;1, .2), is blind-transferred to 202 (Local/202@operators;1, .4)
        const events = recordOnAnswer(await readTranscript('blind-transfer.ami'), {
            '1795413797.2': `${MONITOR}rec-1795413797.0_1795413797.2.wav`, '1795413802.4': `${MONITOR}rec-1795413797.0_1795413802.4.wav`,
        });
        const call = finalCall(replay(new CallTracker(ASTERISK22), events));
        expect(call?.recordingFiles).toEqual([`${MONITOR}rec-1795413797.0_1795413797.2.wav`, `${MONITOR}rec-1795413797.0_1795413802.4.wav`]);
        expect(call?.recordingFile).toBe(`${MONITOR}rec-1795413797.0_1795413797.2.wav`);
    });
    it('an attended transfer merging two calls: the first call\'s recording, then the consultation\'s', async () => {
        // xfer_abbcac: call .663 answered by SIP/150010002 (.671); consultation .690 answered by SIP/150010003 (.698); merged
        const events = recordOnAnswer(await readTranscript('cacofonisk/xfer_attended/xfer_abbcac.ami'), {
            '195176c06ab8-1529941343.698': `${MONITOR}consult.wav`, '195176c06ab8-1529941338.671': `${MONITOR}first.wav`,
        });
        const out = replay(new CallTracker(CACOFONISK), events);
        expect(finalCall(out)?.recordingFiles).toEqual([`${MONITOR}first.wav`, `${MONITOR}consult.wav`]);
        // every snapshot after the first recording started lists it (a restart in between loses nothing)
        expect(out.filter((e) => e.stage === 'transferred').at(-1)?.call.recordingFiles).toEqual([`${MONITOR}first.wav`, `${MONITOR}consult.wav`]);
    });
    it.each([
        ['pjsip/inbound-answered.ami', `${MONITOR}mikopbx-pbx22-1796220564.0_pbx22-1796220564.1.wav`],
        ['pjsip/outbound-answered.ami', `${MONITOR}mikopbx-pbx22-1796220667.0_pbx22-1796220667.1.wav`],
        ['pjsip/queue-answered.ami', `${MONITOR}mikopbx-pbx22-1796220605.0_pbx22-1796220605.2.wav`],
    ])('%s: the one recording, named on every later event of its channel, is listed once', async (name, file) => {
        const call = finalCall(replay(new CallTracker(PJSIP), await readTranscript(name)));
        expect(call?.recordingFiles).toEqual([file]);
        expect(call?.recordingFile).toBe(file);
    });
    it('pjsip/inbound-missed.ami: no recording (MIXMONITOR_FILENAME stays empty)', async () => {
        const call = finalCall(replay(new CallTracker(PJSIP), await readTranscript('pjsip/inbound-missed.ami')));
        expect(call?.recordingFiles).toEqual([]);
        expect(call?.recordingFile).toBeNull();
    });
    it('recorded-call.ami: VarSet MIXMONITOR_FILENAME gives the one file', async () => {
        const call = finalCall(replay(new CallTracker(ASTERISK22), await readTranscript('recorded-call.ami')));
        expect(call?.recordingFiles).toEqual(['/var/spool/asterisk/monitor/20261123-060424-74951234567-1795413864.1.wav']);
    });
    it('a hint of the same recording (MikoPBX StartRecording .webm, REC_FILE) does not add a second file; MIXMONITOR_FILENAME wins', async () => {
        const events = await readTranscript('pjsip/inbound-answered.ami');
        const phoneUp = events.findIndex((e) => e.name === 'MixMonitorStart');
        const start = events[phoneUp];
        if (!start)
            throw new Error('fixture has no MixMonitorStart');
        const path = `${MONITOR}mikopbx-pbx22-1796220564.0_pbx22-1796220564.1`;
        const hint = { ...start, name: 'UserEvent', fields: { ...start.fields, event: 'UserEvent', userevent: 'StartRecording', recordingfile: `${path}.webm` }, vars: {} };
        const recFile = { ...start, name: 'VarSet', fields: { ...start.fields, variable: 'REC_FILE', value: path }, vars: { REC_FILE: path } };
        const call = finalCall(replay(new CallTracker(PJSIP), [...events.slice(0, phoneUp), hint, recFile, ...events.slice(phoneUp)]));
        expect(call?.recordingFiles).toEqual([`${path}.wav`]);
    });
    describe('across a restart', () => {
        const FIRST = `${MONITOR}rec-1795413797.0_1795413797.2.wav`;
        const SECOND = `${MONITOR}rec-1795413797.0_1795413802.4.wav`;
        const blind = async () => recordOnAnswer(await readTranscript('blind-transfer.ami'), { '1795413797.2': FIRST, '1795413802.4': SECOND });
        /** Splits the replay after the first recording started and before the second did. */
        const splitAt = (events) => events.findIndex((e) => e.name === 'BlindTransfer');
        /** The rest of the replay, with the first leg's later events no longer naming its file: only the saved state can. */
        const rest = (events) => events.slice(splitAt(events)).map((e) => (e.fields['uniqueid'] === '1795413797.2' ? { ...e, vars: {} } : e));
        it('a JSON round trip between the two recordings keeps the first', async () => {
            const events = await blind();
            const first = new CallTracker(ASTERISK22);
            replay(first, events.slice(0, splitAt(events)));
            const restored = CallTracker.fromJSON(JSON.parse(JSON.stringify(first.parts())), ASTERISK22);
            expect(finalCall(replay(restored, rest(events)))?.recordingFiles).toEqual([FIRST, SECOND]);
        });
        it('state saved by a version with a single recordingFile loads it as the first recording', async () => {
            const events = await blind();
            const first = new CallTracker(ASTERISK22);
            replay(first, events.slice(0, splitAt(events)));
            const saved = JSON.parse(JSON.stringify(first.parts()));
            const column = CALL_FIELDS.indexOf('recordings');
            for (const part of saved.parts)
                part.c[column] = FIRST; // the old row had the path in this place
            const restored = CallTracker.fromJSON(saved, ASTERISK22);
            expect(finalCall(replay(restored, rest(events)))?.recordingFiles).toEqual([FIRST, SECOND]);
        });
    });
});
