/**
 * In-process costs behind bench/ingest's figures, without TCP or Redis: CallTracker.apply per event, our frame reader
 * (pbx/ami-frame-reader.ts over the wire bytes, then toAmiEvent, as AmiTransport/AmiSession run it) per frame, and a full
 * write of the tracker state (takeDelta(true): every open call's part as JSON, as CrashSafeWriter's first write after
 * taking the lease) with `calls` calls open.
 */
import { performance } from 'node:perf_hooks';
import { CallTracker } from '../src/calls/call-tracker.js';
import { AmiFrameReader } from '../src/pbx/ami-frame-reader.js';
import { toAmiEvent } from '../src/pbx/ami-normalize.js';
import { buildRound, readTranscripts } from '../harness/ami/load-frames.js';
function median(values) {
    return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
/** Feeds the first third of one round (every call started, few ended) and times the snapshot five times. */
export async function measureTrackerCost(paths, calls, options) {
    const round = buildRound(await readTranscripts(paths), calls, 0);
    const frames = round.slice(0, Math.floor(round.length / 3));
    const wire = Buffer.from(frames.map((text) => `${text}\r\n\r\n`).join(''));
    const warmup = new AmiFrameReader({ onFrame: (frame) => { toAmiEvent(frame, 0); }, onMalformed: () => undefined });
    warmup.push(wire); // once untimed, so the figure is the optimised code's, as in a long-running daemon
    warmup.parse();
    const events = [];
    const reader = new AmiFrameReader({
        onFrame: (frame) => { const ev = toAmiEvent(frame, 1_795_000_000_000 + events.length); if (ev)
            events.push(ev); },
        onMalformed: () => undefined,
    });
    reader.push(wire);
    const t0 = performance.now();
    reader.parse();
    const parseMs = performance.now() - t0;
    const tracker = new CallTracker(options);
    const t1 = performance.now();
    for (const ev of events)
        tracker.apply(ev);
    const applyMs = performance.now() - t1;
    const applyUsPerEvent = (applyMs * 1000) / events.length;
    const usPerFrame = (parseMs * 1000) / frames.length;
    const full = [];
    let fullWriteBytes = 0;
    for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        const delta = tracker.takeDelta(true);
        full.push(performance.now() - t0);
        fullWriteBytes = 0;
        for (const json of delta.calls.values())
            fullWriteBytes += Buffer.byteLength(json);
    }
    return {
        openCalls: tracker.openCallCount, applyUsPerEvent, parseUsPerFrame: usPerFrame,
        fullWriteMs: median(full), fullWriteBytes,
    };
}
