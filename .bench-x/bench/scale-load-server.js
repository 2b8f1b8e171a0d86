/**
 * Child process of bench/scale.ts: the PBXs' side. One listener; every connection that logs in is one PBX and gets
 * its own copy of the stream (bench/scale-stream.ts; ids are per PBX already, the daemon prefixes them with the PBX
 * id) paced at `eventsPerSec`, from the parent's `go` on, each connection starting at its own point of the first
 * `staggerMs` (startOffsetMs). Frames are pre-encoded into one buffer and
 * written as slices of it, each due frame as soon as it is due (1 ms ticks), as a PBX writes each event as it happens.
 * IPC: sends `{ type: 'ready', port, framesPerPbx, callsPerPbx, peakOpenCalls }`, then `{ type: 'logins', count }` at
 * each login and each close; on `{ type: 'go' }` starts every connection logged in, and sends `{ type: 'done', … }` when all of them
 * have sent their stream. Exits when the parent disconnects.
 */
import { createServer } from 'node:net';
import { readTranscripts } from '../harness/ami/load-frames.js';
import { serveAmiSession } from './ami-load-session.js';
import { buildPbxStream } from './scale-stream.js';
import { isScaleLoadSpec } from './scale-load.js';
const TICK_MS = 1;
function encode(frames) {
    const texts = frames.map((f) => `${f}\r\n\r\n`);
    const offsets = new Uint32Array(texts.length + 1);
    for (let i = 0; i < texts.length; i += 1)
        offsets[i + 1] = (offsets[i] ?? 0) + Buffer.byteLength(texts[i] ?? '');
    return { frames: texts.length, wire: Buffer.from(texts.join('')), offsets };
}
const GOLDEN = (Math.sqrt(5) - 1) / 2;
/**
 * When connection k starts its copy of the stream. Every PBX plays the same frames, so without a stagger frame i of
 * all of them (a call's ringing, say) would come within one frame gap: 50 offices whose calls all ring in the same
 * 22 ms. With it, the starts are spread evenly (k · φ mod 1, reproducible) over `staggerMs`, as independent PBXs are.
 */
function startOffsetMs(k, connections, spec) {
    if (spec.staggerMs <= 0)
        return (k * 1000) / (spec.eventsPerSec * Math.max(1, connections));
    return spec.staggerMs * ((k * GOLDEN) % 1);
}
function send(msg) { process.send?.(msg); }
async function main() {
    const spec = JSON.parse(process.argv[2] ?? 'null');
    if (!isScaleLoadSpec(spec))
        throw new Error('scale-load-server.ts expects a ScaleLoadSpec as JSON in argv[2]');
    const built = buildPbxStream(await readTranscripts(spec.transcripts), spec.callsPerPbx, spec.framesPerPbx);
    const stream = encode(built.frames);
    const loggedIn = [];
    const running = [];
    let ticking = false;
    const tick = () => {
        const now = performance.now();
        let unfinished = 0;
        for (const c of running) {
            if (c.sent >= stream.frames || c.socket.destroyed)
                continue;
            unfinished += 1;
            const due = Math.min(stream.frames, Math.floor(((now - c.startedMs - c.offsetMs) * spec.eventsPerSec) / 1000));
            if (due <= c.sent)
                continue;
            if (c.waitingDrain) {
                c.maxBehind = Math.max(c.maxBehind, due - c.sent);
                continue;
            }
            const ok = c.socket.write(stream.wire.subarray(stream.offsets[c.sent], stream.offsets[due]));
            c.sent = due;
            if (!ok) {
                c.waitingDrain = true;
                c.socket.once('drain', () => { c.waitingDrain = false; });
            }
        }
        if (unfinished > 0) {
            setTimeout(tick, TICK_MS);
            return;
        }
        ticking = false;
        const done = running.splice(0);
        send({
            type: 'done', connections: done.length, framesSent: done.reduce((n, c) => n + c.sent, 0),
            maxBehindFrames: done.reduce((n, c) => Math.max(n, c.maxBehind), 0),
        });
    };
    const server = createServer((socket) => serveAmiSession(socket, () => {
        loggedIn.push(socket);
        socket.once('close', () => {
            const i = loggedIn.indexOf(socket);
            if (i >= 0)
                loggedIn.splice(i, 1);
            send({ type: 'logins', count: loggedIn.length });
        });
        send({ type: 'logins', count: loggedIn.length });
    }));
    process.on('message', (msg) => {
        if (typeof msg !== 'object' || msg === null || msg.type !== 'go' || ticking)
            return;
        const now = performance.now();
        loggedIn.forEach((socket, k) => running.push({ socket, startedMs: now, offsetMs: startOffsetMs(k, loggedIn.length, spec), sent: 0, waitingDrain: false, maxBehind: 0 }));
        ticking = true;
        tick();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const addr = server.address();
    send({
        type: 'ready', port: typeof addr === 'object' && addr ? addr.port : 0, framesPerPbx: stream.frames, callsPerPbx: built.calls,
        peakOpenCalls: built.peakOpenCalls,
    });
    process.on('disconnect', () => process.exit(0));
}
main().catch((err) => {
    console.error(err);
    process.exit(1);
});
