import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
/**
 * Emergency services, never dialled by a robot on an operator's behalf: 112 (EU, RU and every GSM phone), 911, 999,
 * 000, Russia's 101–104 and their old two-digit forms 01–04. Checked on the digits (a leading + is ignored).
 */
const EMERGENCY = /^(112|911|999|000|10[1-4]|0[1-4])$/;
export function isEmergencyNumber(to) {
    return EMERGENCY.test(to.replace(/^\+/, ''));
}
/** The readings of a dialled number: in the default country, and (for a long number without +) as E.164 digits. */
function readings(to, defaultCountry) {
    const candidates = [parsePhoneNumberFromString(to, defaultCountry)];
    if (!to.startsWith('+') && to.length >= 11)
        candidates.push(parsePhoneNumberFromString(`+${to}`));
    return candidates.filter((p) => p !== undefined && p.isValid());
}
/** A premium-rate number in any reading: 8 809 …, 7 809 … and +7 809 … (and 803) in Russia, 0900 … in Germany. */
export function isPremiumNumber(to, defaultCountry) {
    return readings(to, defaultCountry).some((p) => p.getType() === 'PREMIUM_RATE');
}
/** The number in the PBX's format; internal and unparseable numbers (let through by an allow pattern) stay as given. */
export function formatDialNumber(to, format, defaultCountry, internalMaxLength) {
    if (!to.startsWith('+') && to.length <= internalMaxLength)
        return to;
    const parsed = parsePhoneNumberFromString(to, defaultCountry);
    if (!parsed || !parsed.isValid())
        return to;
    if (format === 'e164')
        return parsed.number;
    if (format === 'digits')
        return parsed.number.slice(1);
    const local = parsed.format('IDD', { fromCountry: defaultCountry });
    return local ? local.replace(/\D/g, '') : parsed.number.slice(1);
}
