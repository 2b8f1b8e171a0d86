import { describe, expect, it } from 'vitest';
import { keptEvent, parseFrameText, toAmiEvent } from '../../../src/pbx/ami-normalize.js';
import { toAmiResponse } from '../../../src/pbx/ami-response.js';
describe('AMI normalisation of wire frames', () => {
    it('lower-cases keys, maps <unknown> to empty, keeps empty values and reads Timestamp as ms', () => {
        const text = 'Event: Newchannel\r\nTimestamp: 1795413736.163091\r\nCallerIDName: <unknown>\r\nAccountCode: \r\nUniqueid: 1795413736.10';
        const ev = toAmiEvent(parseFrameText(text), 0);
        expect(ev).toMatchObject({ name: 'Newchannel', timeMs: 1795413736163, fields: { calleridname: '', accountcode: '', uniqueid: '1795413736.10' } });
    });
    it('keeps ids as opaque strings (.1 and .10 are different channels)', () => {
        const a = toAmiEvent(parseFrameText('Event: Hangup\r\nUniqueid: 1795.1'), 0);
        const b = toAmiEvent(parseFrameText('Event: Hangup\r\nUniqueid: 1795.10'), 0);
        expect(a?.fields['uniqueid']).not.toBe(b?.fields['uniqueid']);
    });
    it('returns null for a frame without Event (not an event) and builds responses with their ActionID', () => {
        expect(toAmiEvent(parseFrameText('Response: Success\r\nActionID: x-1'), 0)).toBeNull();
        expect(toAmiResponse(parseFrameText('Response: Error\r\nActionID: x-1\r\nMessage: Authentication failed'))).toEqual({
            response: 'Error', actionId: 'x-1', fields: { response: 'Error', actionid: 'x-1', message: 'Authentication failed' }, multi: {},
        });
        expect(toAmiResponse(parseFrameText('Event: Hangup'))).toBeNull();
    });
    it('reads ChanVariable(<channel>): NAME=value of an OriginateResponse into vars', () => {
        const text = 'Event: OriginateResponse\r\nResponse: Success\r\nChannel: PJSIP/201-00000002\r\n'
            + 'ChanVariable(PJSIP/201-00000002): MIXMONITOR_FILENAME=/var/spool/asterisk/monitor/a.wav\r\nChanVariable(PJSIP/201-00000002): CRM=7';
        const ev = toAmiEvent(parseFrameText(text), 0);
        expect(ev?.vars).toEqual({ MIXMONITOR_FILENAME: '/var/spool/asterisk/monitor/a.wav', CRM: '7' });
    });
    it('keeps an event as a copy of its own (the one toAmiEvent made stays short-lived), equal to it', () => {
        const ev = toAmiEvent(parseFrameText('Event: Hangup\nUniqueid: 1.1\nChanVariable: A=1'), 7);
        if (!ev)
            throw new Error('no event');
        const kept = keptEvent(ev);
        expect(kept).not.toBe(ev);
        expect(kept).toEqual(ev);
    });
});
