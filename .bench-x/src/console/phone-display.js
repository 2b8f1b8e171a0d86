import { parsePhoneNumberFromString } from 'libphonenumber-js';
/**
 * Every call event's card writes its number and line this way, inside the tracker's state write, and the same few lines
 * and a call's own number come again and again: parsed once, kept (a bounded map, emptied when full).
 */
const shown = new Map();
const SHOWN_MAX = 5000;
/**
 * A number as people write it: international, with the national grouping (`+7 495 123-45-67`). libphonenumber's
 * international form separates every group by spaces; where the national form joins the last groups with hyphens
 * (Russia, Kazakhstan, …) those hyphens are kept. Not a phone number (an extension, `anonymous`): as it is.
 */
export function displayPhone(raw) {
    if (!raw)
        return '';
    const known = shown.get(raw);
    if (known !== undefined)
        return known;
    if (shown.size >= SHOWN_MAX)
        shown.clear();
    const text = format(raw);
    shown.set(raw, text);
    return text;
}
function format(raw) {
    const p = parsePhoneNumberFromString(raw.startsWith('+') ? raw : `+${raw}`);
    if (!p?.isValid())
        return raw;
    const international = p.formatInternational();
    const national = p.formatNational();
    const tail = /[\d-]+-[\d-]+$/.exec(national)?.[0];
    if (!tail)
        return international;
    const spaced = tail.replace(/-/g, ' ');
    return international.endsWith(` ${spaced}`) ? `${international.slice(0, -spaced.length)}${tail}` : international;
}
