/**
 * Child process of bench/ingest.ts: the AMI side, on its own core. Streams `rounds` rounds of `calls` concurrent
 * calls (harness/ami/load-frames.ts; every round has fresh ids) to one logged-in client, either as fast as the client
 * reads (eventsPerSec 0) or paced at a fixed event rate. Answers Login, Ping and CoreShowChannels (empty) with the
 * replay server's helpers (bench/ami-load-session.ts). The frames are pre-encoded into one buffer and written as
 * slices of it, so producing them costs this process little (it shares the two cores with the measured one).
 * Tells the parent `{ port, framesPerRound }` over IPC and exits when the parent disconnects.
 */
import { createServer } from 'node:net';
import { buildRound, readTranscripts } from '../harness/ami/load-frames.js';
import { serveAmiSession } from './ami-load-session.js';
import { isLoadServerSpec } from './load-server.js';
const FRAMES_PER_WRITE = 256;
const TICK_MS = 1;
async function buildStream(spec) {
    const transcripts = await readTranscripts(spec.transcripts);
    const texts = [];
    let framesPerRound = 0;
    for (let round = 0; round < spec.rounds; round += 1) {
        const roundTexts = buildRound(transcripts, spec.calls, round * spec.calls);
        framesPerRound = roundTexts.length;
        for (const text of roundTexts)
            texts.push(`${text}\r\n\r\n`);
    }
    const offsets = new Uint32Array(texts.length + 1);
    for (let i = 0; i < texts.length; i += 1)
        offsets[i + 1] = (offsets[i] ?? 0) + Buffer.byteLength(texts[i] ?? '');
    return { framesPerRound, frames: texts.length, wire: Buffer.from(texts.join('')), offsets };
}
function drainedOrClosed(socket) {
    return new Promise((resolve) => {
        const done = () => { socket.off('drain', done); socket.off('close', done); resolve(); };
        socket.on('drain', done);
        socket.on('close', done);
    });
}
/** Writes frames [from, to) in slices, waiting for 'drain' when the socket is full; resolves with the next index. */
async function writeFrames(socket, stream, from, to) {
    let next = from;
    while (next < to && !socket.destroyed) {
        const end = Math.min(to, next + FRAMES_PER_WRITE);
        const ok = socket.write(stream.wire.subarray(stream.offsets[next], stream.offsets[end]));
        next = end;
        if (!ok)
            await drainedOrClosed(socket);
    }
    return next;
}
async function pump(socket, stream, eventsPerSec) {
    if (eventsPerSec <= 0) {
        await writeFrames(socket, stream, 0, stream.frames);
        return;
    }
    const startedMs = performance.now();
    let sent = 0;
    while (sent < stream.frames && !socket.destroyed) {
        const due = Math.min(stream.frames, Math.floor(((performance.now() - startedMs) * eventsPerSec) / 1000));
        if (due > sent)
            sent = await writeFrames(socket, stream, sent, due);
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
}
function serve(socket, stream, eventsPerSec) {
    let streaming = false;
    serveAmiSession(socket, () => { if (!streaming) {
        streaming = true;
        void pump(socket, stream, eventsPerSec);
    } });
}
async function main() {
    const spec = JSON.parse(process.argv[2] ?? 'null');
    if (!isLoadServerSpec(spec))
        throw new Error('ami-load-server.ts expects a LoadServerSpec as JSON in argv[2]');
    const stream = await buildStream(spec);
    const server = createServer((socket) => serve(socket, stream, spec.eventsPerSec));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const addr = server.address();
    const ready = { port: typeof addr === 'object' && addr ? addr.port : 0, framesPerRound: stream.framesPerRound };
    process.send?.(ready);
    process.on('disconnect', () => process.exit(0));
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
