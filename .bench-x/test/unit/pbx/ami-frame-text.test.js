import { describe, expect, it } from 'vitest';
import { AmiFrameReader, MAX_FRAME_CHARS } from '../../../src/pbx/ami-frame-reader.js';
/** Feeds `chunks` one by one, parsing after each; every delivered frame's text, in order. */
function texts(chunks) {
    const out = [];
    const reader = new AmiFrameReader({ onFrame: (_f, text) => out.push(text), onMalformed: () => undefined });
    for (const chunk of chunks) {
        reader.push(chunk);
        reader.parse();
    }
    return out;
}
const FRAME_A = 'Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/201-00000001\r\nCallerIDName: Мария\r\nLinkedid: 1.0\r\n';
const FRAME_B = 'Event: Hangup\nChannel: PJSIP/201-00000001\nthis line is junk\nCause: 16\n';
describe('AmiFrameReader: the text of each frame', () => {
    it('is the frame as received, its lines with their own line ends (junk lines too), without the greeting or the blank line', () => {
        const wire = `Asterisk Call Manager/11.0.0\r\n\r\n${FRAME_A}\r\n${FRAME_B}\n`;
        expect(texts([wire])).toEqual([FRAME_A, FRAME_B]);
    });
    it('is the same however the bytes are cut, inside a UTF-8 character or a line end included', () => {
        const wire = Buffer.from(`Asterisk Call Manager/11.0.0\r\n${FRAME_A}\r\n${FRAME_B}\n${FRAME_A}\r\n`);
        for (let cut = 1; cut < wire.length; cut += 1) {
            expect(texts([wire.subarray(0, cut), wire.subarray(cut)])).toEqual([FRAME_A, FRAME_B, FRAME_A]);
        }
        expect(texts([...wire].map((byte) => Buffer.from([byte])))).toEqual([FRAME_A, FRAME_B, FRAME_A]);
    });
    it('survives the reader decoding its input in pieces: a frame across a 16 KiB piece is whole', () => {
        const frames = Array.from({ length: 500 }, (_, i) => `${FRAME_A}Seq: ${i}\r\n`);
        const wire = Buffer.from(frames.map((f) => `${f}\r\n`).join(''));
        expect(wire.length).toBeGreaterThan(3 * 16 * 1024);
        expect(texts([wire])).toEqual(frames);
    });
    it('is not given for an oversized frame, and the frame after it has only its own text', () => {
        const huge = `Event: UserEvent\r\nData: ${'x'.repeat(MAX_FRAME_CHARS)}\r\n\r\n`;
        expect(texts([huge, `${FRAME_A}\r\n`])).toEqual([FRAME_A]);
        expect(texts([huge.slice(0, 1000), huge.slice(1000), `${FRAME_A}\r\n`])).toEqual([FRAME_A]);
    });
});
