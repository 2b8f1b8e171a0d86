import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from './auth-error.js';
function digest(value) {
    return createHash('sha256').update(value).digest();
}
/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given, expected) {
    return timingSafeEqual(digest(given), digest(expected));
}
/** The route's auth mode; a matched route without `config.auth` is `bearer`. */
export function routeAuth(req) {
    return req.routeOptions.config.auth ?? 'bearer';
}
const BEARER_HINT = 'missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)';
/**
 * The env's API_TOKEN (compared in constant time), or a deployment file tenant's tokens stored as sha256 hex: the
 * given token's digest is compared with each, in constant time, so no stored token is ever needed in clear.
 */
export function tokenCheck(tokens) {
    const hashes = tokens.sha256.map((hex) => Buffer.from(hex, 'hex'));
    return (given) => {
        if (tokens.plain !== null && secretsEqual(given, tokens.plain))
            return true;
        const d = digest(given);
        let found = false;
        for (const h of hashes)
            found = (h.length === d.length && timingSafeEqual(h, d)) || found;
        return found;
    };
}
/** The token an Authorization header carries, or why it carries none. */
export function bearerToken(header) {
    if (!header)
        return { problem: 'missing_token' };
    const match = /^Bearer[ \t]+(.+)$/i.exec(header);
    const given = match?.[1]?.trim();
    return given ? { token: given } : { problem: 'not_bearer' };
}
/** Why `header` does not carry a token `apiToken` accepts, or null when it does. */
export function bearerProblem(header, apiToken) {
    const read = bearerToken(header);
    if ('problem' in read)
        return read.problem;
    const ok = typeof apiToken === 'string' ? secretsEqual(read.token, apiToken) : apiToken(read.token);
    return ok ? null : 'wrong_token';
}
/**
 * onRequest hook for the whole app. Unmatched requests pass untouched, so the not-found handler answers 404 and
 * nothing tells whether a path exists behind the token; a matched route is protected unless it says otherwise.
 */
export function bearerAuth(apiToken) {
    return async (req) => {
        if (req.is404 || routeAuth(req) !== 'bearer')
            return;
        const problem = bearerProblem(req.headers.authorization, apiToken);
        if (problem)
            throw new AuthError(problem, BEARER_HINT);
    };
}
