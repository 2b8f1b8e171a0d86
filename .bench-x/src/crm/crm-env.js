import { z } from 'zod';
/** Pieces the CRMs' env sections share (one copy for every CRM). */
/** An optional text variable; empty or blank counts as unset. */
export const optionalText = z.string().trim().optional().transform((s) => (s ? s : undefined));
export function parseUrl(value) {
    try {
        return new URL(value);
    }
    catch {
        return null;
    }
}
export function isLocalUrl(url) {
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}
/** https, or plain http to this machine (tests, a receiver on localhost). */
export function isSecureUrl(url) {
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalUrl(url));
}
/** Values inside a URL that may be credentials: query values, user name and password (and the URL itself then). */
export function urlSecrets(value) {
    const url = parseUrl(value);
    if (!url)
        return [value];
    const found = [...url.searchParams.values(), decodeURIComponent(url.password), decodeURIComponent(url.username)];
    const out = found.filter((s) => s.length >= 4);
    if (url.search || url.password)
        out.push(value);
    return out;
}
