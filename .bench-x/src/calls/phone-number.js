import { parsePhoneNumberFromString } from 'libphonenumber-js';
const DIGITS_ONLY = /^\d+$/;
/** Strips the characters people and PBXes put around numbers (spaces, dashes, dots, brackets). */
function cleanNumber(raw) {
    return raw.trim().replace(/[\s\-().]/g, '');
}
/**
 * Normalises a phone number to E.164 (`+74951234567`), reading national forms with `defaultCountry`
 * (ISO 3166 alpha-2, e.g. 'RU', 'NL'). Returns null when the input is empty, not a number, or not a possible number.
 */
export function normalizePhoneNumber(raw, defaultCountry) {
    const cleaned = cleanNumber(raw);
    if (cleaned === '' || !/^\+?\d+$/.test(cleaned))
        return null;
    const parsed = parsePhoneNumberFromString(cleaned, defaultCountry.toUpperCase());
    if (!parsed || !parsed.isPossible())
        return null;
    return parsed.number;
}
/** An internal number is an extension: digits only, at most `maxLength` long (MikoPBX PBXInternalExtensionLength). */
export function isInternalNumber(value, maxLength) {
    return value.length > 0 && value.length <= maxLength && DIGITS_ONLY.test(value);
}
/** A number whose tail the PBX masked for privacy (VoIPGRID shows a withheld caller as `+31260xxxxxx`). */
const MASKED = /^\+?\d*[xX*]{2,}$/;
/**
 * A caller id with no digit at all (`anonymous`, `Restricted`, `private`, `unknown`, `<unknown>`, `s`, blanks) or a
 * masked one (`+31260xxxxxx`) is no number: the caller withheld it or the PBX does not know it.
 */
export function isWithheldNumber(raw) {
    const cleaned = cleanNumber(raw);
    return !/\d/.test(cleaned) || MASKED.test(cleaned);
}
/**
 * E.164 form when the number can be normalised, else the cleaned raw value (never loses the number); null for a
 * withheld caller id (isWithheldNumber), which names nobody to find, create or call back.
 */
export function toExternalNumber(raw, defaultCountry) {
    if (isWithheldNumber(raw))
        return null;
    return normalizePhoneNumber(raw, defaultCountry) ?? cleanNumber(raw);
}
