import { AmiFrameReader } from '../pbx/ami-frame-reader.js';
import { toAmiEvent } from '../pbx/ami-normalize.js';
/** The first character of a line `R<atMs>` that starts an AMI event stored as its frame's text. */
export const RAW_ENTRY = 'R';
/**
 * The entries in one stored element, appended to `out` until it holds `max`. An element holds entries one after the
 * other, each either one line of JSON, or an AMI event as received: a line `R<atMs>`, the frame's lines, an empty line
 * (a frame has no empty line: it would have ended it). A lone JSON (the older layout, and CRM entries) is one entry.
 * Whatever does not read as an entry is skipped: a trace is best effort.
 */
export function readEntries(element, out, max) {
    const lines = element.split('\n');
    for (let i = 0; i < lines.length && out.length < max; i += 1) {
        const line = lines[i] ?? '';
        if (line.startsWith(RAW_ENTRY)) {
            let end = i + 1;
            while (end < lines.length && !isBlank(lines[end] ?? ''))
                end += 1;
            const entry = rawEntry(Number(line.slice(RAW_ENTRY.length)), lines.slice(i + 1, end));
            if (entry !== null)
                out.push(entry);
            i = end;
            continue;
        }
        const entry = jsonEntry(line);
        if (entry !== null)
            out.push(entry);
    }
}
function isBlank(line) {
    return line.length === 0 || line === '\r';
}
/** An AMI event from its frame's lines, read by the daemon's own frame reader: the fields it had when it was traced. */
function rawEntry(atMs, lines) {
    if (lines.length === 0 || !Number.isFinite(atMs))
        return null;
    let frame = null;
    const reader = new AmiFrameReader({ onFrame: (pairs) => { frame ??= pairs; }, onMalformed: () => undefined });
    reader.push(`${lines.join('\n')}\n\r\n`);
    reader.parse();
    if (frame === null)
        return null;
    const ev = toAmiEvent(frame, atMs);
    if (ev === null)
        return null;
    return { kind: 'ami', atMs, event: ev.name, fields: withoutPrivilege(ev.fields) };
}
/** One line of JSON as an entry; null for an empty or broken one. */
function jsonEntry(line) {
    if (line.length === 0)
        return null;
    let entry;
    try {
        entry = JSON.parse(line);
    }
    catch {
        return null;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
        return null;
    const e = entry;
    const fields = e['fields'];
    if (e.kind === 'ami' && typeof fields === 'object' && fields !== null)
        return { ...e, fields: withoutPrivilege(fields) };
    return e;
}
/** AMI entries are stored with the event's whole field map; its `privilege` says nothing about the call. */
function withoutPrivilege(fields) {
    const kept = Object.create(null); // a header may be named __proto__
    for (const key of Object.keys(fields))
        if (key !== 'privilege')
            kept[key] = fields[key];
    return kept;
}
