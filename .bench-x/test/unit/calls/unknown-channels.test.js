import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { parseFrameText, toAmiEvent } from '../../../src/pbx/ami-normalize.js';
const OPTIONS = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$'] };
function event(text) {
    const ev = toAmiEvent(parseFrameText(text), 1_000);
    if (!ev)
        throw new Error('not an event');
    return ev;
}
const snapshot = 'Channel: PJSIP/201-00000001\r\nChannelState: 6\r\nCallerIDNum: 201\r\nContext: from-internal\r\nExten: 202\r\nUniqueid: 5.1\r\nLinkedid: 5.1';
describe('events about channels the tracker never saw', () => {
    it.each(['Hangup\r\nCause: 16', 'Newstate', 'NewCallerid', 'BridgeLeave\r\nBridgeUniqueid: b1', 'UserEvent\r\nRecordingFile: /x.wav'])('%s opens no phantom call', (head) => {
        const tracker = new CallTracker(OPTIONS);
        expect(tracker.apply(event(`Event: ${head}\r\n${snapshot}`))).toEqual([]);
        expect(tracker.openCallCount).toBe(0);
    });
    it('a Newchannel still starts one', () => {
        const tracker = new CallTracker(OPTIONS);
        tracker.apply(event(`Event: Newchannel\r\n${snapshot}`));
        expect(tracker.openCallCount).toBe(1);
    });
});
