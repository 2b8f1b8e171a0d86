import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { crmPhoneOf } from '../../../src/sync/call-filter-policy.js';
import { FIXTURES_DIR, parseTranscript } from '../../support/read-transcript.js';
import { endedCalls, replay } from './tracker-harness.js';
/** The settings fixtures/ami/pjsip/README.md gives, with the daemon's default context patterns (they include -incoming$). */
const PJSIP = {
    defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'],
    trunkContextPatterns: ['^from-trunk$', '^from-pstn$', '-incoming$'],
};
const REC = '/var/spool/asterisk/monitor/2026/12/02/mikopbx-';
const EMPTY = {
    id: '', linkedIds: [], direction: 'internal', externalNumber: null, line: null, callerExtension: null, startedAtMs: 0, rang: [],
    answeredBy: null, answeredAtMs: null, transfers: [], queue: null, endedAtMs: null, ringDurationSec: null, talkDurationSec: null,
    disposition: null, hangupCause: null, recordingFile: null, recordingFiles: [], crmCallId: null,
};
/** Worked out from the events (Timestamp headers for the times; the README's scenario table agrees). */
const EXPECTED = {
    'inbound-answered': {
        id: 'pbx22-1796220564.0', direction: 'inbound', externalNumber: '+79261112233', line: '74951230000', callerExtension: null,
        rang: ['201:answered'], answeredBy: '201', queue: null, ringSec: 2, talkSec: 4, disposition: 'answered', hangupCause: 16,
        recordingFile: `${REC}pbx22-1796220564.0_pbx22-1796220564.1.wav`, toCrm: true,
    },
    'inbound-missed': {
        id: 'pbx22-1796220579.0', direction: 'inbound', externalNumber: '+79261112233', line: '74951230000', callerExtension: null,
        rang: ['201:cancelled'], answeredBy: null, queue: null, ringSec: 7, talkSec: null, disposition: 'missed', hangupCause: 127,
        recordingFile: null, toCrm: true,
    },
    'outbound-answered': {
        id: 'pbx22-1796220667.0', direction: 'outbound', externalNumber: '+74951112233', line: null, callerExtension: '201',
        rang: ['+74951112233:answered'], answeredBy: '+74951112233', queue: null, ringSec: 2, talkSec: 4, disposition: 'answered',
        hangupCause: 16, recordingFile: `${REC}pbx22-1796220667.0_pbx22-1796220667.1.wav`, toCrm: true,
    },
    'queue-answered': {
        id: 'pbx22-1796220605.0', direction: 'inbound', externalNumber: '+79261112233', line: '74951230002', callerExtension: null,
        rang: ['202:cancelled', '203:answered'], answeredBy: '203', queue: '2200', ringSec: 3, talkSec: 6, disposition: 'answered',
        hangupCause: 16, recordingFile: `${REC}pbx22-1796220605.0_pbx22-1796220605.2.wav`, toCrm: true,
    },
};
async function pjsipText(name) {
    return readFile(`${FIXTURES_DIR}pjsip/${name}.ami`, 'utf8');
}
/** A copy of a recording as another call of the same PBX: other Uniqueids, channel numbers and times. */
function shifted(text, idFrom, idTo, channelOffset, secondsLater) {
    return text
        .replaceAll(`pbx22-${idFrom}.`, `pbx22-${idTo}.`)
        .replace(/-(0000000[0-9a-f])\b/g, (_, n) => `-${(parseInt(n, 16) + channelOffset).toString(16).padStart(8, '0')}`)
        .replace(/^Timestamp: (\d+\.\d+)/gm, (_, t) => `Timestamp: ${(Number(t) + secondsLater).toFixed(6)}`);
}
function check(ended, want, out) {
    const c = ended.call;
    expect({
        id: c.id, direction: c.direction, externalNumber: c.externalNumber, line: c.line, callerExtension: c.callerExtension,
        rang: c.rang.map((r) => `${r.target}:${r.outcome}`), answeredBy: c.answeredBy, queue: c.queue, disposition: c.disposition,
        hangupCause: c.hangupCause, recordingFile: c.recordingFile, recordingFiles: c.recordingFiles, toCrm: crmPhoneOf(c) !== null, endReason: ended.endReason,
    }).toEqual({ ...omitTimes(want), recordingFiles: want.recordingFile ? [want.recordingFile] : [], endReason: 'hangup' });
    expect(Math.abs((c.ringDurationSec ?? -99) - want.ringSec)).toBeLessThanOrEqual(1);
    if (want.talkSec === null)
        expect(c.talkDurationSec).toBeNull();
    else
        expect(Math.abs((c.talkDurationSec ?? -99) - want.talkSec)).toBeLessThanOrEqual(1);
    const stages = out.filter((e) => e.call.id === c.id).map((e) => e.stage);
    expect(stages[0]).toBe('ringing');
    expect(stages.at(-1)).toBe('ended');
    expect(stages.includes('answered')).toBe(want.answeredBy !== null);
}
function omitTimes(want) {
    const { ringSec: _ring, talkSec: _talk, ...rest } = want;
    return rest;
}
describe('CallTracker on the PJSIP (Asterisk 22, MikoPBX-shaped) recordings', () => {
    it.each(Object.keys(EXPECTED))('%s gives the call the events describe, field by field', async (name) => {
        const tracker = new CallTracker(PJSIP);
        const out = replay(tracker, parseTranscript(await pjsipText(name)));
        const ended = endedCalls(out);
        expect(ended).toHaveLength(1);
        check(ended[0], EXPECTED[name], out);
        expect(tracker.openCallCount).toBe(0);
    });
    it('two calls from one number at once (a direct call and a queue call, overlapping) stay two calls', async () => {
        const direct = parseTranscript(await pjsipText('inbound-answered'));
        const queued = parseTranscript(shifted(await pjsipText('queue-answered'), '1796220605', '1796220565', 2, 564.5 - 605));
        const events = [...direct, ...queued].sort((a, b) => a.timeMs - b.timeMs);
        expect(queued[1]?.timeMs ?? 0).toBeLessThan(direct.at(-1)?.timeMs ?? 0); // they do overlap
        const out = replay(new CallTracker(PJSIP), events);
        const byId = new Map(endedCalls(out).map((e) => [e.call.id, e]));
        expect([...byId.keys()].sort()).toEqual(['pbx22-1796220564.0', 'pbx22-1796220565.0']);
        check(byId.get('pbx22-1796220564.0'), EXPECTED['inbound-answered'], out);
        const queue = EXPECTED['queue-answered'];
        check(byId.get('pbx22-1796220565.0'), {
            ...queue, id: 'pbx22-1796220565.0', recordingFile: `${REC}pbx22-1796220605.0_pbx22-1796220605.2.wav`.replaceAll('1796220605', '1796220565'),
        }, out);
    });
    it('the same call twice at once (two copies with other ids) gives two identical calls, one per id', async () => {
        const text = await pjsipText('inbound-missed');
        const events = [...parseTranscript(text), ...parseTranscript(shifted(text, '1796220579', '1796220580', 2, 1))]
            .sort((a, b) => a.timeMs - b.timeMs);
        const ended = endedCalls(replay(new CallTracker(PJSIP), events));
        expect(ended.map((e) => [e.call.id, e.call.disposition, e.call.rang.map((r) => r.outcome)])).toEqual([
            ['pbx22-1796220579.0', 'missed', ['cancelled']], ['pbx22-1796220580.0', 'missed', ['cancelled']],
        ]);
    });
    it('busy (the phone answers 486: DialEnd BUSY, Cause 17) is busy, not missed; it still goes to the CRM', async () => {
        const text = (await pjsipText('inbound-missed')).replaceAll('DialStatus: CANCEL', 'DialStatus: BUSY').replace(/^Cause: 127$/gm, 'Cause: 17')
            .replace(/^Cause-txt: .*$/gm, 'Cause-txt: User busy');
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), parseTranscript(text)));
        expect(ended?.call).toMatchObject({ direction: 'inbound', answeredBy: null, disposition: 'busy', hangupCause: 17, recordingFile: null });
        expect(ended?.call.rang.map((r) => `${r.target}:${r.outcome}`)).toEqual(['201:busy']);
        expect(crmPhoneOf(ended?.call ?? EMPTY)).toBe('+79261112233');
    });
    it('an internal call (201 dials 202: the outbound recording with 202 in place of the trunk) is internal and kept out of the CRM', async () => {
        const text = (await pjsipText('outbound-answered')).replaceAll('PJSIP/SIP-TRUNK-1234', 'PJSIP/202').replaceAll('SIP-TRUNK-1234-incoming', 'all_peers')
            .replaceAll('74951112233@SIP-TRUNK-1234', '202').replaceAll('74951112233', '202');
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), parseTranscript(text)));
        expect(ended?.call).toMatchObject({ direction: 'internal', externalNumber: null, callerExtension: '201', answeredBy: '202', disposition: 'answered' });
        expect(ended?.call.rang.map((r) => `${r.target}:${r.outcome}`)).toEqual(['202:answered']);
        expect(Math.abs((ended?.call.talkDurationSec ?? -9) - 4)).toBeLessThanOrEqual(1);
        expect(crmPhoneOf(ended?.call ?? EMPTY)).toBeNull();
    });
});
