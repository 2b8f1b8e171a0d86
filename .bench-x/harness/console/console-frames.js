/**
 * The console benchmark's calls: copies of the real PJSIP recording `pjsip/inbound-answered.ami` (a trunk call ringing
 * 201, answered, hung up), each with its own ids (remapFrame), ringing the extension asked for, with timestamps of now.
 * A call is split in two: the ring (every frame up to the DialState "Ringing"), then the rest (answer and hang-up).
 */
import { readFile } from 'node:fs/promises';
import { remapFrame } from '../ami/ami-replay-remap.js';
import { transcriptFrames } from '../ami/ami-transcript.js';
import { amiFixturesDir } from '../ami/fixture-dir.js';
export async function loadCallTemplate() {
    const text = await readFile(`${amiFixturesDir()}pjsip/inbound-answered.ami`, 'utf8');
    return transcriptFrames(text, 0).filter((f) => !f.pairs.some(([k, v]) => k === 'Event' && v === 'FullyBooted'));
}
const RECORDED_CALLER = '79261112233';
function forExtension(pairs, extension, caller, nowSec, firstSec) {
    return pairs.map(([key, value]) => {
        if (key === 'Timestamp')
            return [key, (nowSec + (Number(value) - firstSec)).toFixed(6)];
        if (value === '201')
            return [key, extension];
        if (value === RECORDED_CALLER)
            return [key, caller];
        if (value.startsWith('PJSIP/201-'))
            return [key, `PJSIP/${extension}-${value.slice('PJSIP/201-'.length)}`];
        return [key, value];
    });
}
function wire(frames) {
    return frames.map((pairs) => `${pairs.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`).join('');
}
/** Copy `copy` (≥ 1, < 4096) of the call from `caller` (national digits, as the trunk gives them), ringing `extension`, timed from now. */
export function benchCall(template, copy, extension, caller = RECORDED_CALLER) {
    const nowSec = Date.now() / 1000;
    const firstSec = template.find((f) => f.timestampSec !== null)?.timestampSec ?? 0;
    const frames = template.map((f) => forExtension(remapFrame(f, copy, 0), extension, caller, nowSec, firstSec));
    const ringAt = frames.findIndex((pairs) => pairs.some(([k, v]) => k === 'DestChannelStateDesc' && v === 'Ringing'));
    const bridged = frames.findLastIndex((pairs) => pairs.some(([k, v]) => k === 'Event' && v === 'BridgeEnter'));
    const callId = frames[0]?.find(([k]) => k === 'Linkedid')?.[1] ?? '';
    return {
        callId, ring: wire(frames.slice(0, ringAt + 1)), rest: wire(frames.slice(ringAt + 1)),
        answer: wire(frames.slice(ringAt + 1, bridged + 1)), end: wire(frames.slice(bridged + 1)),
    };
}
