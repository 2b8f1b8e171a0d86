/**
 * Builds the ingest benchmark's AMI stream: `calls` copies of real transcripts (cycled through the fixture files),
 * each copy with its own Uniqueid/Linkedid suffix `-L<n>` and channel sequence (remapFrame, as the replay server
 * does for its loops; no `:` so job ids stay valid; unique up to 4,095 copies), interleaved round-robin so every call is open at once.
 * Timestamps keep their original values: the copies happen at the same time, like concurrent calls on one PBX.
 */
import { readFile } from 'node:fs/promises';
import { remapFrame } from './ami-replay-remap.js';
import { transcriptFrames } from './ami-transcript.js';
/** One frame's wire text without the closing blank line (the replay server's in-memory transcript format). */
export function frameText(pairs) {
    return pairs.map(([key, value]) => `${key}: ${value}`).join('\r\n');
}
/** Copy `copy` (0-based) of one transcript; copy 0 is the transcript as recorded. */
export function copyOfCall(frames, copy) {
    return frames.map((frame) => frameText(remapFrame(frame, copy, 0)));
}
/** Round-robin merge: frame i of every call, then frame i + 1 of every call, … (per-call order is kept). */
export function interleave(calls) {
    const out = [];
    const longest = calls.reduce((max, call) => Math.max(max, call.length), 0);
    for (let i = 0; i < longest; i += 1) {
        for (const call of calls) {
            const frame = call[i];
            if (frame !== undefined)
                out.push(frame);
        }
    }
    return out;
}
export async function readTranscripts(paths) {
    return Promise.all(paths.map(async (path, index) => transcriptFrames(await readFile(path, 'utf8'), index)));
}
/**
 * One round of the stream: `calls` concurrent calls (copies firstCopy + 1 … firstCopy + calls, cycling through the
 * transcripts), frames in wire text. Rounds built with firstCopy = round × calls never share an id.
 */
export function buildRound(transcripts, calls, firstCopy) {
    const copies = [];
    for (let n = 0; n < calls; n += 1) {
        const transcript = transcripts[n % transcripts.length];
        if (transcript)
            copies.push(copyOfCall(transcript, firstCopy + n + 1));
    }
    return interleave(copies);
}
