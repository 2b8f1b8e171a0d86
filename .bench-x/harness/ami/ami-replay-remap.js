const ID_KEY = /(uniqueid|linkedid)$/i;
const CHANNEL_KEY = /channel$/i;
/** Channel names end in `-<8 hex>` (and `;1`/`;2` for Local channels). */
const CHANNEL_SUFFIX = /-([0-9a-f]{8})((;[12])?)$/;
const NOT_AN_ID = new Set(['', 'none', '<unknown>']);
/**
 * Rewrites a frame for replay loop `loop` (0 = unchanged) so each loop's calls look new: every Uniqueid/Linkedid
 * (Dest*, Bridge*, Swap*, Cdr UniqueID, …) gets the suffix `-L<loop>` (no `:`, so job ids stay valid), the 8-hex
 * channel sequence is shifted by loop × 0x100000 (keeping the `-NNNNNNNN;1` shape), and Timestamp moves by
 * loop × spanSec so time keeps going forward.
 */
export function remapFrame(frame, loop, spanSec) {
    if (loop === 0)
        return frame.pairs;
    return frame.pairs.map(([key, value]) => {
        if (ID_KEY.test(key) && !NOT_AN_ID.has(value))
            return [key, `${value}-L${loop}`];
        if (CHANNEL_KEY.test(key))
            return [key, remapChannel(value, loop)];
        if (key.toLowerCase() === 'timestamp' && frame.timestampSec !== null) {
            return [key, (frame.timestampSec + loop * spanSec).toFixed(6)];
        }
        return [key, value];
    });
}
function remapChannel(name, loop) {
    return name.replace(CHANNEL_SUFFIX, (_all, hex, tail) => {
        const shifted = (Number.parseInt(hex, 16) + loop * 0x100000) % 0x100000000;
        return `-${shifted.toString(16).padStart(8, '0')}${tail}`;
    });
}
/** Seconds one loop covers (last minus first Timestamp, plus one), so looped timestamps never overlap. */
export function timestampSpanSec(frames) {
    let min = Infinity;
    let max = -Infinity;
    for (const f of frames) {
        if (f.timestampSec === null)
            continue;
        min = Math.min(min, f.timestampSec);
        max = Math.max(max, f.timestampSec);
    }
    return Number.isFinite(min) ? Math.ceil(max - min) + 1 : 1;
}
