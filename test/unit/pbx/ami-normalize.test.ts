import { describe, expect, it } from 'vitest';
import { parseFrameText, toAmiEvent } from '../../../src/pbx/ami-normalize.js';
import { toAmiResponse } from '../../../src/pbx/ami-response.js';
import { managerItemToFrame, MAX_FRAME_BYTES } from '../../../src/pbx/manager-item-frame.js';

describe('managerItemToFrame (asterisk-manager objects back to ordered pairs)', () => {
  it('unfolds ChanVariable objects and repeated keys in order, so the normaliser sees every value', () => {
    // what asterisk-manager 0.2.0 makes of an event with two ChanVariable lines and a repeated key
    const item = {
      event: 'Newchannel', channel: 'PJSIP/201-00000001', calleridnum: '', uniqueid: '1795.10', linkedid: '1795.1',
      chanvariable: { FROM_DID: '4951230000', 'CDR(recordingfile)': 'a=b.wav' }, output: ['line 1', 'line 2'],
    };
    const { frame, junkLines } = managerItemToFrame(item);
    expect(junkLines).toBe(0);
    const ev = toAmiEvent(frame, 42);
    expect(ev).toMatchObject({
      name: 'Newchannel', timeMs: 42,
      fields: { channel: 'PJSIP/201-00000001', calleridnum: '', uniqueid: '1795.10', linkedid: '1795.1', output: 'line 1' },
      multi: { chanvariable: ['FROM_DID=4951230000', 'CDR(recordingfile)=a=b.wav'], output: ['line 1', 'line 2'] },
      vars: { FROM_DID: '4951230000', 'CDR(recordingfile)': 'a=b.wav' },
    });
  });

  it('restores the VarSet quirk (`Variable: NAME` with the value under Value) into vars', () => {
    const item = { event: 'VarSet', channel: 'Local/201@operators-00000001;2', variable: { MIXMONITOR_FILENAME: '' }, value: '/var/spool/x.wav' };
    const ev = toAmiEvent(managerItemToFrame(item).frame, 0);
    expect(ev?.fields['variable']).toBe('MIXMONITOR_FILENAME');
    expect(ev?.vars).toEqual({ MIXMONITOR_FILENAME: '/var/spool/x.wav' });
  });

  it('drops junk lines (binary, no colon) and counts them', () => {
    const item = { event: 'Hangup', '\u0001\u0002garbage': '', 'not a header line': '', uniqueid: '1.2' };
    const { frame, junkLines } = managerItemToFrame(item);
    expect(junkLines).toBe(2);
    expect(frame).toEqual([['event', 'Hangup'], ['uniqueid', '1.2']]);
  });

  it('measures the frame so oversized frames can be refused', () => {
    expect(managerItemToFrame({ event: 'UserEvent', data: 'x'.repeat(MAX_FRAME_BYTES) }).sizeBytes).toBeGreaterThan(MAX_FRAME_BYTES);
    expect(managerItemToFrame({ event: 'UserEvent', data: 'x' }).sizeBytes).toBeLessThan(100);
  });
});

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
});
