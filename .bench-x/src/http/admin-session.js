import { createHmac, randomBytes } from 'node:crypto';
import { bearerProblem, secretsEqual } from './bearer-auth.js';
/** The dashboard's session cookie: HttpOnly, SameSite=Strict, scoped to /admin. */
export const ADMIN_COOKIE = 'pcb_admin';
export const ADMIN_COOKIE_PATH = '/admin';
export const ADMIN_SESSION_TTL_MS = 8 * 3600_000;
/** `Authorization: Bearer <API_TOKEN>`, for scripts calling the dashboard's API. */
export function bearerAdmin(apiToken) {
    return { name: 'bearer', allows: (req) => bearerProblem(req.headers.authorization, apiToken) === null };
}
/** The value of cookie `name` in the request's Cookie header, if any. */
export function cookieValue(req, name) {
    for (const part of (req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return part.slice(eq + 1).trim();
    }
    return undefined;
}
/**
 * Sessions started by logging in with the API token at /admin/login. Stateless: the cookie carries its expiry and a
 * nonce, signed with HMAC-SHA256 keyed by the API token, so every instance behind a load balancer accepts it, a
 * session ends after ADMIN_SESSION_TTL_MS, and changing API_TOKEN ends them all. The cookie never holds the token.
 */
export class AdminSessions {
    apiToken;
    ttlMs;
    nowMs;
    name = 'session';
    constructor(apiToken, ttlMs = ADMIN_SESSION_TTL_MS, nowMs = Date.now) {
        this.apiToken = apiToken;
        this.ttlMs = ttlMs;
        this.nowMs = nowMs;
    }
    /** A fresh cookie value, valid for ttlMs. */
    issue() {
        const body = `${this.nowMs() + this.ttlMs}.${randomBytes(12).toString('base64url')}`;
        return `${body}.${this.sign(body)}`;
    }
    valid(value) {
        const m = value === undefined ? null : /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(value);
        if (!m)
            return false;
        const body = `${m[1] ?? ''}.${m[2] ?? ''}`;
        return secretsEqual(m[3] ?? '', this.sign(body)) && Number(m[1]) > this.nowMs();
    }
    allows(req) {
        return this.valid(cookieValue(req, ADMIN_COOKIE));
    }
    /** The Set-Cookie header for a new session (Secure when the request came over HTTPS, directly or via a proxy). */
    setCookie(req) {
        return `${ADMIN_COOKIE}=${this.issue()}; Path=${ADMIN_COOKIE_PATH}; Max-Age=${Math.floor(this.ttlMs / 1000)}; HttpOnly; SameSite=Strict${secureFlag(req)}`;
    }
    static clearCookie(req) {
        return `${ADMIN_COOKIE}=; Path=${ADMIN_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secureFlag(req)}`;
    }
    sign(body) {
        return createHmac('sha256', this.apiToken).update(`pcb-admin-session.${body}`).digest('base64url');
    }
}
function secureFlag(req) {
    const forwarded = req.headers['x-forwarded-proto'];
    return req.protocol === 'https' || forwarded === 'https' ? '; Secure' : '';
}
