import { amiFixturesDir } from '../../harness/ami/fixture-dir.js';
import { readFile } from 'node:fs/promises';
import { parseFrameText, toAmiEvent } from '../../src/pbx/ami-normalize.js';
/** Root of the AMI fixtures (fixtures/ami of this repository). */
export const FIXTURES_DIR = amiFixturesDir();
const DEFAULT_CLOCK = { baseMs: 1_700_000_000_000, stepMs: 1000 };
/** Parses transcript text: drops a leading `# ` comment line, splits frames on blank lines, skips responses and the greeting. */
export function parseTranscript(text, clock = DEFAULT_CLOCK) {
    const body = text.startsWith('# ') ? text.slice(text.indexOf('\n') + 1) : text;
    const events = [];
    let index = 0;
    for (const frameText of body.split(/\r?\n\r?\n/)) {
        if (frameText.trim() === '')
            continue;
        const frame = parseFrameText(frameText);
        const ev = toAmiEvent(frame, clock.baseMs + clock.stepMs * index);
        index += 1;
        if (ev)
            events.push(ev);
    }
    return events;
}
/** Reads a transcript by its path relative to the fixtures folder, e.g. `inbound-answered.ami` or `cacofonisk/simple/ab_dnd.ami`. */
export async function readTranscript(relativePath, clock) {
    return parseTranscript(await readFile(FIXTURES_DIR + relativePath, 'utf8'), clock);
}
