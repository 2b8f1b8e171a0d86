/** The outside number CallSync gives the CRM, or null: an internal call, or an anonymous caller (no number to look up). */
export function crmPhoneOf(call) {
    if (call.direction === 'internal')
        return null;
    const phone = call.externalNumber?.trim() ?? '';
    return /\d{3,}/.test(phone) ? phone : null;
}
function digitsOf(text) {
    return text.replace(/\D/g, '');
}
/**
 * True when `phone` (E.164) is on the blacklist. Entries are digits in any format: a full international number
 * matches exactly; a national one (leading 0 or 8 trunk prefix, at least 7 digits) matches the end of the number.
 */
export function isBlacklisted(phone, blacklist) {
    const number = digitsOf(phone);
    return blacklist.some((entry) => {
        const d = digitsOf(entry);
        if (d.length < 3)
            return false;
        if (d === number)
            return true;
        if (d.length >= 8 && (d.startsWith('0') || d.startsWith('8')) && number.endsWith(d.slice(1)))
            return true;
        return d.length >= 7 && number.endsWith(d) && !entry.trim().startsWith('+');
    });
}
