/**
 * A client's name as CALLERID(name) can carry it: letters (any script), digits, spaces and `. _ & -` only, so no
 * quote, comma, bracket, `$`, `;`, `|`, backslash or control character can break a caller id, an AGI
 * `SET VARIABLE "…"` or the comma-separated `format=vars` answer; runs of anything else become one space. Cut to
 * `maxChars` characters (what a phone's display shows); null when nothing is left or `maxChars` is 0.
 */
export function callerIdName(raw, maxChars) {
    if (!raw || maxChars <= 0)
        return null;
    const clean = raw.normalize('NFC').replace(/[^\p{L}\p{M}\p{N} ._&-]+/gu, ' ').replace(/\s+/g, ' ').trim();
    const cut = Array.from(clean).slice(0, maxChars).join('').trim();
    return cut === '' ? null : cut;
}
