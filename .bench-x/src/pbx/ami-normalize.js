const UNKNOWN = '<unknown>';
/** Year 2286: a `Timestamp` beyond it is junk, and the time of receipt is used instead. */
const MAX_TIMESTAMP_SEC = 1e10;
/** Splits one frame's text (lines without the terminating blank line) into key/value pairs. Lines without `:` are ignored. */
export function parseFrameText(text) {
    const pairs = [];
    for (const line of text.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const key = line.slice(0, colon).trim();
        let value = line.slice(colon + 1);
        if (value.startsWith(' '))
            value = value.slice(1);
        pairs.push([key, value.trimEnd()]);
    }
    return pairs;
}
/**
 * Maps without Object.prototype, so a header named `constructor` or `__proto__` (UserEvent lets anyone choose names)
 * is just a key. Made by a constructor whose prototype is itself prototype-less: V8 keeps these objects in fast mode
 * with shared shapes, where Object.create(null) gives a hash table per object (2.6 KiB of garbage per event).
 */
const HeaderMap = function HeaderMap() { };
HeaderMap.prototype = Object.create(null);
function headerMap() {
    return new HeaderMap();
}
/** Shared by the (most) frames without repeated keys or channel variables; frozen, so nobody writes into it. */
const NONE = Object.freeze(headerMap());
const NAMED_CHAN_VAR = 'chanvariable(';
/**
 * Header names as keys: AMI sends a few dozen names over and over (the frame reader hands the same name strings from
 * frame to frame), so each is lower-cased once. Bounded: UserEvent headers are anyone's choice.
 */
const LOWER = new Map();
const LOWER_MAX = 4096;
function lowerKey(raw) {
    const known = LOWER.get(raw);
    if (known !== undefined)
        return known;
    const key = raw.toLowerCase();
    if (LOWER.size < LOWER_MAX)
        LOWER.set(raw, key);
    return key;
}
/** Lower-cases keys, keeps the first value of repeated keys in `fields` and all values in `multi`, maps `<unknown>` to ''. */
export function normalizeFrame(frame) {
    const fields = headerMap();
    let multi = null;
    let namedChanVars = null;
    for (const [rawKey, rawValue] of frame) {
        const key = lowerKey(rawKey);
        const value = rawValue === UNKNOWN ? '' : rawValue;
        if (key.length > NAMED_CHAN_VAR.length && key.charCodeAt(0) === 99 && key.startsWith(NAMED_CHAN_VAR))
            (namedChanVars ??= []).push(value);
        if (key in fields) {
            multi ??= headerMap();
            const all = multi[key] ?? [fields[key] ?? ''];
            all.push(value);
            multi[key] = all;
        }
        else {
            fields[key] = value;
        }
    }
    return { fields, multi: multi ?? NONE, namedChanVars };
}
function parseVars(values, single, extra, named) {
    if (values === undefined && single === undefined && !extra && named === null)
        return NONE;
    const vars = headerMap();
    const list = [...(named ?? []), ...(values ?? (single === undefined ? [] : [single]))];
    for (const item of list) {
        const eq = item.indexOf('=');
        if (eq > 0)
            vars[item.slice(0, eq)] = item.slice(eq + 1);
    }
    return vars;
}
/** Builds an AmiEvent from a raw event frame; returns null when the frame has no `Event:` header. */
export function toAmiEvent(frame, receivedAtMs) {
    const { fields, multi, namedChanVars } = normalizeFrame(frame);
    const name = fields['event'];
    if (!name)
        return null;
    const varSet = name === 'VarSet' && fields['variable'] !== undefined;
    const vars = parseVars(multi['chanvariable'], fields['chanvariable'], varSet, namedChanVars);
    if (varSet)
        vars[fields['variable'] ?? ''] = fields['value'] ?? '';
    const stamp = Number(fields['timestamp']);
    const timeMs = fields['timestamp'] && Number.isFinite(stamp) && stamp > 0 && stamp < MAX_TIMESTAMP_SEC ? Math.round(stamp * 1000) : receivedAtMs;
    return { name, fields, multi, vars, timeMs };
}
/**
 * A copy of an event that is kept beyond its turn (held while a resync's CoreShowChannels is in flight, collected for a
 * list action, buffered until FullyBooted). V8 counts, per allocation site, how many of its objects survive a young
 * GC; when the events toAmiEvent makes are kept in bulk, it allocates every later one straight in the old generation
 * (allocation-site pretenuring) for the rest of the process, and each event's fields and values then survive too.
 * bench/ingest measured it: the 8,452 events held for the connect-time resync did that, and the ingest spent ≈ 25 %
 * more CPU (181 MB promoted instead of 62 MB). A copy made here leaves toAmiEvent's objects short-lived.
 */
export function keptEvent(ev) {
    return { name: ev.name, fields: ev.fields, multi: ev.multi, vars: ev.vars, timeMs: ev.timeMs };
}
