import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRound, copyOfCall, interleave, readTranscripts } from '../../../harness/ami/load-frames.js';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { parseFrameText, toAmiEvent } from '../../../src/pbx/ami-normalize.js';
import { FIXTURES_DIR } from '../../support/read-transcript.js';
const PATHS = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.ami')).sort().map((f) => join(FIXTURES_DIR, f));
const OPTIONS = { defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^from-pstn$', '-incoming$'] };
function endedCalls(frames) {
    const tracker = new CallTracker(OPTIONS);
    const ended = [];
    frames.forEach((text, i) => {
        const ev = toAmiEvent(parseFrameText(text), 1_795_000_000_000 + i);
        if (ev)
            ended.push(...tracker.apply(ev).filter((ce) => ce.stage === 'ended' && ce.endReason !== 'merged'));
    });
    return ended;
}
function idValues(frames) {
    return frames.flatMap((text) => [...text.matchAll(/^\w*(?:Uniqueid|Linkedid): (.+)$/gim)].map((m) => m[1] ?? ''));
}
describe('bench load frames', () => {
    it('interleave keeps each call in order and alternates between calls', () => {
        expect(interleave([['a1', 'a2', 'a3'], ['b1'], ['c1', 'c2']])).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    });
    it('copy 0 is byte-exact wire text of the recorded frames', async () => {
        const [frames] = await readTranscripts([PATHS[0] ?? '']);
        const text = readFileSync(PATHS[0] ?? '', 'utf8');
        const blocks = text.split('\r\n\r\n').filter((b) => b.startsWith('Event: ') && !b.startsWith('Event: FullyBooted'));
        expect(copyOfCall(frames ?? [], 0)).toEqual(blocks);
    });
    it('gives every copy and round its own ids, never with a colon', async () => {
        const transcripts = await readTranscripts(PATHS);
        const round0 = buildRound(transcripts, 24, 0);
        const round1 = buildRound(transcripts, 24, 24);
        const ids0 = new Set(idValues(round0));
        expect([...ids0].every((id) => !id.includes(':'))).toBe(true);
        const placeholders = new Set(['', 'none', '<unknown>']);
        expect(idValues(round1).filter((id) => ids0.has(id) && !placeholders.has(id))).toEqual([]);
    });
    it('the interleaved calls come out of the tracker as the recorded calls do, one record per copy', async () => {
        const transcripts = await readTranscripts(PATHS);
        const alone = transcripts.map((t) => endedCalls(copyOfCall(t, 0)).map((ce) => ce.call.disposition));
        const copies = 3 * transcripts.length;
        const ended = endedCalls(buildRound(transcripts, copies, 0));
        const expected = alone.flatMap((d) => [...d, ...d, ...d]).sort();
        expect(ended.map((ce) => ce.call.disposition).sort()).toEqual(expected);
        expect(new Set(ended.map((ce) => ce.call.id)).size).toBe(ended.length);
    });
});
