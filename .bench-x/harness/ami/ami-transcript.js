import { readFile } from 'node:fs/promises';
/** Splits one frame's text into pairs; keeps `Key: ` (empty value) as ''; drops lines without a colon. */
export function framePairs(text) {
    const pairs = [];
    for (const line of text.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const value = line.slice(colon + 1);
        pairs.push([line.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value]);
    }
    return pairs;
}
export function serializeFrame(pairs) {
    let out = '';
    for (const [key, value] of pairs)
        out += `${key}: ${value}\r\n`;
    return `${out}\r\n`;
}
export function pairValue(pairs, key) {
    const lower = key.toLowerCase();
    for (const [k, v] of pairs)
        if (k.toLowerCase() === lower)
            return v;
    return undefined;
}
/**
 * The events of a transcript that a server streams after login: drops the `# ` comment line, the greeting,
 * responses (the recorded Login answer) and `FullyBooted` (the server sends its own after each login).
 */
export function transcriptFrames(text, transcript) {
    const body = text.startsWith('# ') ? text.slice(text.indexOf('\n') + 1) : text;
    const frames = [];
    for (const block of body.split(/\r?\n\r?\n/)) {
        const pairs = framePairs(block.replace(/^Asterisk Call Manager\/[^\r\n]*\r?\n/, ''));
        const event = pairValue(pairs, 'Event');
        if (!event || event === 'FullyBooted')
            continue;
        const stamp = Number(pairValue(pairs, 'Timestamp'));
        frames.push({ pairs, timestampSec: Number.isFinite(stamp) && stamp > 0 ? stamp : null, transcript });
    }
    return frames;
}
export async function loadTranscripts(sources) {
    const all = [];
    for (const [index, source] of sources.entries()) {
        const text = typeof source === 'string' ? await readFile(source, 'utf8') : source.frames.join('\r\n\r\n');
        all.push(...transcriptFrames(text, index));
    }
    return all;
}
