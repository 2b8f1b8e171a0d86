const ID = /^(\d{1,16})-(\d{1,16})$/;
export function isStreamId(s) {
    return ID.test(s);
}
/** Two runs of digits compared as numbers (leading zeros ignored), without converting them: longer is larger. */
function compareDigits(a, aFrom, aTo, b, bFrom, bTo) {
    while (aFrom < aTo - 1 && a.charCodeAt(aFrom) === 48)
        aFrom += 1;
    while (bFrom < bTo - 1 && b.charCodeAt(bFrom) === 48)
        bFrom += 1;
    if (aTo - aFrom !== bTo - bFrom)
        return aTo - aFrom < bTo - bFrom ? -1 : 1;
    for (let i = 0; i < aTo - aFrom; i += 1) {
        const d = a.charCodeAt(aFrom + i) - b.charCodeAt(bFrom + i);
        if (d !== 0)
            return d < 0 ? -1 : 1;
    }
    return 0;
}
/** Where the dash of a well-formed id is (what isStreamId accepts), or -1. */
function dashOf(id) {
    const dash = id.indexOf('-');
    if (dash < 1 || dash > 16 || id.length - dash - 1 < 1 || id.length - dash - 1 > 16)
        return -1;
    for (let i = 0; i < id.length; i += 1) {
        const c = id.charCodeAt(i);
        if (i !== dash && (c < 48 || c > 57))
            return -1;
    }
    return dash;
}
/**
 * Negative when a comes before b, 0 when equal, positive after. Every open page compares each live entry, so this
 * reads the digits in place (no regex match, no BigInt). Something that is not a stream id counts as `0-0`.
 */
export function compareStreamIds(a, b) {
    let ad = dashOf(a);
    let bd = dashOf(b);
    if (ad < 0) {
        a = '0-0';
        ad = 1;
    }
    if (bd < 0) {
        b = '0-0';
        bd = 1;
    }
    return compareDigits(a, 0, ad, b, 0, bd) || compareDigits(a, ad + 1, a.length, b, bd + 1, b.length);
}
