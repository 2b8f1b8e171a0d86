import { copyOfCall } from '../harness/ami/load-frames.js';
/** Fresh copies stay unique up to this many calls (the channel sequence wraps after it). */
const MAX_COPIES = 4095;
export function buildPbxStream(transcripts, slots, targetFrames) {
    if (transcripts.length === 0)
        throw new Error('no transcripts');
    const meanLength = transcripts.reduce((n, t) => n + t.length, 0) / transcripts.length;
    const startStep = Array.from({ length: slots }, (_, s) => Math.floor((s * meanLength) / slots));
    const current = Array.from({ length: slots }, () => null);
    const frames = [];
    let calls = 0;
    let peakOpenCalls = 0;
    let remaining = 0; // frames the open calls still have to send
    const startCall = () => {
        if (calls >= MAX_COPIES)
            throw new Error(`more than ${MAX_COPIES} calls per PBX: lower the rate or the duration`);
        const transcript = transcripts[calls % transcripts.length] ?? [];
        calls += 1;
        remaining += transcript.length;
        return { frames: copyOfCall(transcript, calls), next: 0 };
    };
    for (let step = 0;; step += 1) {
        let open = 0;
        for (let s = 0; s < slots; s += 1) {
            if (step < (startStep[s] ?? 0))
                continue;
            let call = current[s] ?? null;
            if (call === null || call.next >= call.frames.length)
                call = frames.length + remaining < targetFrames ? startCall() : null;
            current[s] = call;
            if (call === null)
                continue;
            open += 1;
            frames.push(call.frames[call.next] ?? '');
            call.next += 1;
            remaining -= 1;
        }
        peakOpenCalls = Math.max(peakOpenCalls, open);
        const waiting = startStep.some((at) => at > step);
        if (open === 0 && !waiting)
            break;
    }
    return { frames, calls, peakOpenCalls };
}
