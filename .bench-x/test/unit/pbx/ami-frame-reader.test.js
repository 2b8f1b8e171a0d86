import { describe, expect, it } from 'vitest';
import { AmiFrameReader, MAX_FRAME_CHARS } from '../../../src/pbx/ami-frame-reader.js';
function collect() {
    const frames = [];
    const problems = [];
    const reader = new AmiFrameReader({ onFrame: (f) => frames.push(f), onMalformed: (p) => problems.push(p) });
    return { reader, frames, problems };
}
const NEWCHANNEL = 'Event: Newchannel\r\nPrivilege: call,all\r\nChannel: SIP/201-0000001a\r\nCallerIDName: Иван Петров\r\n'
    + 'Uniqueid: 1700000000.26\r\nAppData: Dial(SIP/201: x)\r\n\r\n';
const EXPECTED = [
    ['event', 'Newchannel'], ['privilege', 'call,all'], ['channel', 'SIP/201-0000001a'], ['calleridname', 'Иван Петров'],
    ['uniqueid', '1700000000.26'], ['appdata', 'Dial(SIP/201: x)'],
];
describe('AmiFrameReader', () => {
    it('parses frames: keys trimmed and lower-cased, values as sent (split at the first ": ")', () => {
        const { reader, frames, problems } = collect();
        reader.push(Buffer.from(NEWCHANNEL));
        expect(reader.parse()).toBe(true);
        expect(frames).toEqual([EXPECTED]);
        expect(problems).toEqual([]);
    });
    it('gives the same frames whatever the chunking, multibyte UTF-8 characters cut between chunks included', () => {
        const bytes = Buffer.from(NEWCHANNEL.repeat(3));
        for (const size of [1, 2, 3, 5, 7, 64]) {
            const { reader, frames } = collect();
            for (let i = 0; i < bytes.length; i += size) {
                reader.push(bytes.subarray(i, i + size));
                reader.parse();
            }
            expect(frames).toEqual([EXPECTED, EXPECTED, EXPECTED]);
        }
    });
    it('skips the greeting (no blank line after it) and stray blank lines; accepts LF-only line ends', () => {
        const { reader, frames, problems } = collect();
        reader.push('Asterisk Call Manager/5.0.1\r\n');
        reader.push('Response: Success\r\nActionID: 1\r\n\r\n\r\n\n\r\n');
        reader.push('Event: FullyBooted\nStatus: Fully Booted\n\n');
        reader.parse();
        expect(frames).toEqual([[['response', 'Success'], ['actionid', '1']], [['event', 'FullyBooted'], ['status', 'Fully Booted']]]);
        expect(problems).toEqual([]);
    });
    it('reports frames without Event/Response as no-header and drops junk lines of a real event', () => {
        const { reader, frames, problems } = collect();
        reader.push('Privilege: call,all\r\nChannel: SIP/ghost\r\n\r\n');
        reader.push('Event: UserEvent\r\nno colon here\r\n: no key\r\n\u0001Ctl: x\r\nUserEvent: ok\r\n\r\n');
        reader.push(Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a]));
        reader.parse();
        expect(frames).toEqual([[['event', 'UserEvent'], ['userevent', 'ok']]]);
        expect(problems).toEqual(['no-header', 'junk-lines', 'no-header']);
    });
    it('takes any key up to the first ": " (or ":"): ChanVariable(PJSIP/…) of an OriginateResponse is a header, not junk', () => {
        const { reader, frames, problems } = collect();
        reader.push('Event: OriginateResponse\r\nResponse: Success\r\nChannel: PJSIP/201-00000002\r\n'
            + 'ChanVariable(PJSIP/201-00000002): MIXMONITOR_FILENAME=/var/spool/x.wav\r\nBad Key!: a: b\r\nNoSpace:x\r\n'
            + 'ChanVariable(IAX2/10.0.0.1:4569-1): A=1\r\n\r\n');
        reader.parse();
        expect(frames).toEqual([[
                ['event', 'OriginateResponse'], ['response', 'Success'], ['channel', 'PJSIP/201-00000002'],
                ['chanvariable(pjsip/201-00000002)', 'MIXMONITOR_FILENAME=/var/spool/x.wav'], ['bad key!', 'a: b'], ['nospace', 'x'],
                ['chanvariable(iax2/10.0.0.1:4569-1)', 'A=1'],
            ]]);
        expect(problems).toEqual([]);
    });
    it('splits a line the same way when its header name was guessed from the frames before (same layout, then another)', () => {
        const { reader, frames, problems } = collect();
        const a = 'Event: UserEvent\r\nKey: 1\r\nA: x\r\nB: y\r\n\r\n';
        // the same names in other shapes: no ": " after the name, a ":" inside a longer name, other case, spaces, junk
        const b = 'Event: UserEvent\r\nKey:2\r\nA:b: z\r\nb: w\r\nKey : 3\r\nA\r\n\r\n';
        reader.push(a + a + b + a);
        reader.parse();
        const first = [['event', 'UserEvent'], ['key', '1'], ['a', 'x'], ['b', 'y']];
        expect(frames).toEqual([first, first, [['event', 'UserEvent'], ['key', '2'], ['a:b', 'z'], ['b', 'w'], ['key', '3']], first]);
        expect(problems).toEqual(['junk-lines']);
    });
    it('reports the first line of the stream, and whether it is the Asterisk greeting', () => {
        const seen = [];
        const greeted = new AmiFrameReader({ onFrame: () => undefined, onMalformed: () => undefined, onFirstLine: (l, g) => seen.push([l, g]) });
        greeted.push('Asterisk Call Manager/11.0.0\r\nEvent: A\r\n\r\nAsterisk Call Manager/1\r\n');
        greeted.parse();
        const stranger = new AmiFrameReader({ onFrame: () => undefined, onMalformed: () => undefined, onFirstLine: (l, g) => seen.push([l, g]) });
        stranger.push(`SSH-2.0-OpenSSH_9.6 ${'x'.repeat(200)}\r\n`);
        stranger.parse();
        expect(seen).toEqual([['Asterisk Call Manager/11.0.0', true], [`SSH-2.0-OpenSSH_9.6 ${'x'.repeat(60)}`, false]]);
    });
    it('drops a frame over the cap, reports it once, and reads the next frame', () => {
        const { reader, frames, problems } = collect();
        const line = `Data: ${'x'.repeat(1000)}\r\n`;
        reader.push(`Event: UserEvent\r\n${line.repeat(Math.ceil(MAX_FRAME_CHARS / line.length) + 1)}\r\n`);
        reader.push('Event: UserEvent\r\nUserEvent: next\r\n\r\n');
        reader.parse();
        expect(problems).toEqual(['oversized']);
        expect(frames).toEqual([[['event', 'UserEvent'], ['userevent', 'next']]]);
    });
    it('keeps memory bounded when a line never ends, and recovers at the next blank line', () => {
        const { reader, frames, problems } = collect();
        reader.push('Event: UserEvent\r\nData: ');
        for (let i = 0; i < 100; i += 1) {
            reader.push('y'.repeat(4096));
            reader.parse();
            expect(reader.pendingChars).toBeLessThanOrEqual(MAX_FRAME_CHARS + 4096);
        }
        reader.push('yyy\r\n\r\nEvent: UserEvent\r\nUserEvent: after\r\n\r\n');
        reader.parse();
        expect(problems).toEqual(['oversized']);
        expect(frames).toEqual([[['event', 'UserEvent'], ['userevent', 'after']]]);
    });
    it('does not mistake the CRLF ending a dropped long line for a blank line', () => {
        const { reader, frames, problems } = collect();
        reader.push(`Event: UserEvent\r\nData: ${'z'.repeat(MAX_FRAME_CHARS + 10)}`);
        reader.parse();
        reader.push('\r\nMore: junk\r\n\r\nEvent: UserEvent\r\nUserEvent: ok\r\n\r\n');
        reader.parse();
        expect(problems).toEqual(['oversized']);
        expect(frames).toEqual([[['event', 'UserEvent'], ['userevent', 'ok']]]);
    });
    it('stops when its time budget is spent and goes on where it stopped', () => {
        const { reader, frames } = collect();
        reader.push(NEWCHANNEL.repeat(2000));
        let rounds = 1;
        while (!reader.parse(0))
            rounds += 1;
        expect(rounds).toBeGreaterThan(1);
        expect(frames).toHaveLength(2000);
        expect(frames[1999]).toEqual(EXPECTED);
    });
    it('delivers nothing after stop()', () => {
        const { reader, frames } = collect();
        reader.push(NEWCHANNEL);
        reader.stop();
        expect(reader.parse()).toBe(true);
        reader.push(NEWCHANNEL);
        reader.parse();
        expect(frames).toEqual([]);
    });
});
