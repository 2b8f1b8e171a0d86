import { describe, expect, it } from 'vitest';
import { LiveChannels } from '../../../harness/ami/ami-live-channels.js';
import { remapFrame, timestampSpanSec } from '../../../harness/ami/ami-replay-remap.js';
import { framePairs, transcriptFrames } from '../../../harness/ami/ami-transcript.js';
const frame = (text, timestampSec = null) => ({ pairs: framePairs(text), timestampSec, transcript: 0 });
describe('replay id remapping', () => {
    const dial = frame([
        'Event: DialBegin', 'Timestamp: 100.500000', 'Channel: Local/4951230000@from-trunk-00000000;2', 'Uniqueid: 1795.1',
        'Linkedid: 1795.0', 'DestChannel: Local/201@operators-0000000a;1', 'DestUniqueid: 1795.2', 'DestLinkedid: 1795.0',
        'ConnectedLineNum: <unknown>', 'Exten: 4951230000',
    ].join('\r\n'), 100.5);
    it('leaves loop 0 untouched', () => {
        expect(remapFrame(dial, 0, 10)).toBe(dial.pairs);
    });
    it('gives later loops fresh ids, channel suffixes and timestamps, keeping the shapes and no colon', () => {
        const out = Object.fromEntries(remapFrame(dial, 2, 10));
        expect(out).toMatchObject({
            Uniqueid: '1795.1-L2', Linkedid: '1795.0-L2', DestUniqueid: '1795.2-L2', DestLinkedid: '1795.0-L2',
            Channel: 'Local/4951230000@from-trunk-00200000;2', DestChannel: 'Local/201@operators-0020000a;1',
            Timestamp: '120.500000', ConnectedLineNum: '<unknown>', Exten: '4951230000',
        });
        for (const value of Object.values(out))
            if (/L2/.test(value))
                expect(value).not.toContain(':');
    });
    it('does not touch the placeholder ids `none` and `<unknown>`', () => {
        const out = Object.fromEntries(remapFrame(frame('Event: OriginateResponse\r\nUniqueid: <unknown>\r\nChannel: Local/4951230000@from-trunk'), 1, 1));
        expect(out).toEqual({ Event: 'OriginateResponse', Uniqueid: '<unknown>', Channel: 'Local/4951230000@from-trunk' });
    });
    it('computes the span of a transcript from its timestamps', () => {
        expect(timestampSpanSec([frame('Event: A', 100.2), frame('Event: B', 107.9)])).toBe(9);
        expect(timestampSpanSec([frame('Event: A')])).toBe(1);
    });
});
describe('transcriptFrames and LiveChannels', () => {
    const text = '# comment line\nAsterisk Call Manager/11.0.0\r\nResponse: Success\r\nMessage: Authentication accepted\r\n\r\n'
        + 'Event: FullyBooted\r\nUptime: 3\r\n\r\n'
        + 'Event: Newchannel\r\nChannel: A-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nChannelState: 4\r\n\r\n'
        + 'Event: Newchannel\r\nChannel: B-00000002\r\nUniqueid: 1.2\r\nLinkedid: 1.1\r\nChannelState: 0\r\n\r\n'
        + 'Event: Newstate\r\nChannel: B-00000002\r\nUniqueid: 1.2\r\nChannelState: 6\r\n\r\n'
        + 'Event: Hangup\r\nChannel: A-00000001\r\nUniqueid: 1.1\r\n\r\n';
    it('keeps only the events after login, without the greeting, responses or FullyBooted', () => {
        expect(transcriptFrames(text, 0).map((f) => f.pairs[0]?.[1])).toEqual(['Newchannel', 'Newchannel', 'Newstate', 'Hangup']);
    });
    it('lists channels seen in Newchannel and not hung up, with their latest state', () => {
        const live = new LiveChannels();
        for (const f of transcriptFrames(text, 0))
            live.observe(f.pairs);
        expect(live.items()).toEqual([[
                ['Event', 'CoreShowChannel'], ['Channel', 'B-00000002'], ['ChannelState', '6'], ['Uniqueid', '1.2'], ['Linkedid', '1.1'],
                ['BridgeId', ''], ['Duration', '00:00:00'],
            ]]);
    });
    it('reports the bridge a channel is in and its age on the replay clock, like CoreShowChannel', () => {
        const live = new LiveChannels();
        const at = (sec, body) => `${body}\r\nTimestamp: ${sec}\r\n\r\n`;
        const stream = at(100, 'Event: Newchannel\r\nChannel: A-1\r\nUniqueid: 2.1\r\nLinkedid: 2.1\r\nChannelState: 4')
            + at(161.5, 'Event: Newchannel\r\nChannel: B-2\r\nUniqueid: 2.2\r\nLinkedid: 2.1\r\nChannelState: 0')
            + at(3790, 'Event: BridgeEnter\r\nBridgeUniqueid: br-9\r\nChannel: B-2\r\nUniqueid: 2.2\r\nLinkedid: 2.1\r\nChannelState: 6');
        for (const f of transcriptFrames(stream, 0))
            live.observe(f.pairs);
        const rows = live.items().map((item) => Object.fromEntries(item));
        expect(rows.map((r) => [r['Uniqueid'], r['BridgeId'], r['Duration']])).toEqual([['2.1', '', '01:01:30'], ['2.2', 'br-9', '01:00:28']]);
        live.observe([['Event', 'BridgeLeave'], ['Uniqueid', '2.2']]);
        expect(Object.fromEntries(live.items()[1] ?? [])['BridgeId']).toBe('');
        live.clear();
        expect(live.items()).toEqual([]);
    });
});
