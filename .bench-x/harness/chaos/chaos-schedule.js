/**
 * The calls a chaos run sends: the real transcripts, one after another and overlapping (a new call every `everySec`
 * of PBX time), each with its own ids (remapFrame with a loop number per call), merged into one in-memory
 * transcript ordered by Timestamp so the replay server paces it. The expected CRM calls come from feeding the same
 * frames through a CallTracker in this process: the ground truth the daemon's output is compared with.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CallTracker } from '../../src/calls/call-tracker.js';
import { remapFrame } from '../ami/ami-replay-remap.js';
import { loadTranscripts } from '../ami/ami-transcript.js';
import { toAmiEvent } from '../../src/pbx/ami-normalize.js';
import { crmPhoneOf } from '../../src/sync/call-filter-policy.js';
const TIME_BASE_SEC = 1_800_000_000;
function retime(pairs, atSec) {
    return pairs.map(([k, v]) => (k.toLowerCase() === 'timestamp' ? [k, atSec.toFixed(6)] : [k, v]));
}
function callFrames(frames, call, startSec) {
    const first = frames.find((f) => f.timestampSec !== null)?.timestampSec ?? 0;
    let last = first;
    return frames.map((frame, index) => {
        last = frame.timestampSec ?? last;
        const atSec = startSec + (last - first);
        return { atSec, call, index, pairs: retime(remapFrame(frame, call + 1, 0), TIME_BASE_SEC + atSec) };
    });
}
function text(pairs) {
    return pairs.map(([k, v]) => `${k}: ${v}`).join('\r\n');
}
/** Builds the merged transcript for `calls` calls and what the CRM must show for it. */
export async function buildChaosSchedule(opts) {
    const names = (opts.only ?? readdirSync(opts.transcriptDir).filter((f) => f.endsWith('.ami')).sort());
    const perTranscript = await Promise.all(names.map((n) => loadTranscripts([join(opts.transcriptDir, n)])));
    const timed = [];
    for (let call = 0; call < opts.calls; call += 1) {
        const frames = perTranscript[call % perTranscript.length] ?? [];
        timed.push(...callFrames(frames, call, call * opts.everySec));
    }
    timed.sort((a, b) => a.atSec - b.atSec || a.call - b.call || a.index - b.index);
    const { expected, windows } = expectedCalls(timed, opts.tracker);
    return {
        source: { frames: timed.map((t) => text(t.pairs)) },
        eventNames: timed.map((t) => t.pairs.find(([k]) => k.toLowerCase() === 'event')?.[1] ?? ''),
        frameCount: timed.length,
        spanSec: timed.length > 0 ? (timed[timed.length - 1]?.atSec ?? 0) : 0,
        callsSent: opts.calls,
        expected,
        windows,
    };
}
function expectedCalls(timed, options) {
    const tracker = new CallTracker(options);
    const expected = new Map();
    const windows = new Map();
    const callOf = new Map();
    const span = new Map();
    timed.forEach((t, i) => { const s = span.get(t.call); span.set(t.call, { first: s?.first ?? i, last: i }); });
    const handovers = new Map();
    for (const [i, t] of timed.entries()) {
        const ev = toAmiEvent(t.pairs, (TIME_BASE_SEC + t.atSec) * 1000);
        if (!ev)
            continue;
        for (const out of tracker.apply(ev)) {
            if (!callOf.has(out.call.id))
                callOf.set(out.call.id, t.call);
            if (out.stage === 'transferred' || (out.stage === 'answered' && (handovers.has(out.call.id) || out.call.transfers.length > 0))) {
                handovers.set(out.call.id, [...(handovers.get(out.call.id) ?? []), i]);
            }
            // a call the CRM placed itself (click-to-call __CRM_CALL_ID) is not registered by the daemon: not counted
            if (out.stage !== 'ended' || out.endReason === 'merged' || crmPhoneOf(out.call) === null || out.call.crmCallId !== null)
                continue;
            expected.set(out.call.id, out.call);
            const frames = span.get(callOf.get(out.call.id) ?? t.call) ?? { first: 0, last: 0 };
            windows.set(out.call.id, {
                startSec: timed[frames.first]?.atSec ?? 0, endSec: timed[frames.last]?.atSec ?? 0, firstFrame: frames.first, lastFrame: frames.last,
                handoverFrames: handovers.get(out.call.id) ?? [],
            });
        }
    }
    return { expected, windows };
}
