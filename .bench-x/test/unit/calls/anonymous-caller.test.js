import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { FIXTURES_DIR, parseTranscript, readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, CACOFONISK, endedCalls, replay } from './tracker-harness.js';
const PJSIP = { ...ASTERISK22, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'], trunkContextPatterns: ['-incoming$'] };
/** A PJSIP recording as if the provider had delivered the caller 79261112233 as `callerId` (every field naming him). */
async function withCaller(name, callerId) {
    const text = await readFile(`${FIXTURES_DIR}pjsip/${name}`, 'utf8');
    const replaced = text.replace(/^(\w*(?:CallerIDNum|ConnectedLineNum)): 79261112233\r?$/gm, (_, key) => `${key}: ${callerId}\r`);
    expect(replaced).not.toContain('79261112233');
    return parseTranscript(replaced);
}
const WITHHELD = ['anonymous', 'Anonymous', 'unknown', 'UNKNOWN', '<unknown>', 'restricted', 'Restricted', 'private', 's', '', '   '];
describe('CallTracker: a withheld caller id is no number', () => {
    it.each(WITHHELD)('pjsip/inbound-missed.ami from %j: inbound, missed, externalNumber null', async (callerId) => {
        const out = replay(new CallTracker(PJSIP), await withCaller('inbound-missed.ami', callerId));
        const [ended] = endedCalls(out);
        expect(ended?.call).toMatchObject({
            direction: 'inbound', externalNumber: null, line: '74951230000', disposition: 'missed', answeredBy: null,
            rang: [expect.objectContaining({ target: '201' })],
        });
        expect(out.every((e) => e.call.externalNumber === null)).toBe(true);
    });
    it.each(['anonymous', 'Restricted'])('pjsip/inbound-answered.ami from %j: answered by 201, externalNumber null', async (callerId) => {
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), await withCaller('inbound-answered.ami', callerId)));
        expect(ended?.call).toMatchObject({ direction: 'inbound', externalNumber: null, answeredBy: '201', disposition: 'answered' });
    });
    it('pjsip/outbound-answered.ami: the trunk leg starts as <unknown>, yet the dialled number is the call\'s number', async () => {
        const events = await readTranscript('pjsip/outbound-answered.ami');
        expect(events.some((e) => e.fields['channel']?.startsWith('PJSIP/SIP-TRUNK-') && e.fields['calleridnum'] === '')).toBe(true);
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), events));
        expect(ended?.call).toMatchObject({ direction: 'outbound', externalNumber: '+74951112233', callerExtension: '201', answeredBy: '+74951112233' });
    });
    it('xfer_abbcac_anon: the caller masked as +31260xxxxxx after the first event keeps the number the provider sent', async () => {
        const out = replay(new CallTracker(CACOFONISK), await readTranscript('cacofonisk/xfer_attended/xfer_abbcac_anon.ami'));
        const calls = endedCalls(out).filter((e) => e.endReason !== 'merged').map((e) => e.call);
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({ direction: 'inbound', externalNumber: '+31260010001', transfers: [expect.objectContaining({ kind: 'attended' })] });
        expect(out.some((e) => e.call.externalNumber?.includes('x'))).toBe(false);
    });
    it('xfer_abbcac_anon, had the provider sent only the masked number: no number, the call is still tracked', async () => {
        const text = await readFile(`${FIXTURES_DIR}cacofonisk/xfer_attended/xfer_abbcac_anon.ami`, 'utf8');
        const out = replay(new CallTracker(CACOFONISK), parseTranscript(text.replaceAll('+31260010001', '+31260xxxxxx')));
        const calls = endedCalls(out).filter((e) => e.endReason !== 'merged').map((e) => e.call);
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({ direction: 'inbound', externalNumber: null, line: '+31150010001', disposition: 'answered' });
    });
});
