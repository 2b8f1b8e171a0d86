import { HttpError } from '../http/http-error.js';
import { sameOrigin } from './console-request.js';
export const SESSION_COOKIE = 'pcb_console';
/** The cookie of the CSRF secret (@fastify/csrf-protection); the token made from it goes in X-CSRF-Token. */
export const CSRF_COOKIE = 'pcb_csrf';
const sessions = new WeakMap();
/** The session a guarded route's request runs under (set by the guard). */
export function sessionOf(req) {
    const s = sessions.get(req);
    if (!s)
        throw new HttpError(401, 'unauthenticated', 'sign in first');
    return s;
}
export function sessionOrNull(req) {
    return sessions.get(req) ?? null;
}
export function cookieOf(req) {
    const cookies = req.cookies;
    return cookies?.[SESSION_COOKIE];
}
/**
 * The onRequest hook of every console API route (before the body is even read) (its `config.console` says who may call it): 401 without a valid session,
 * 403 for the wrong role, and for anything but GET/HEAD 403 unless the Origin is ours (the token is checked next, `consoleCsrfCheck`).
 */
export function consoleGuard(deps) {
    return async (req, _reply) => {
        const access = req.routeOptions.config.console;
        if (!access)
            return;
        const session = await deps.sessions.get(cookieOf(req));
        if (!session)
            throw new HttpError(401, 'unauthenticated', 'sign in first');
        if (access === 'supervisor' && session.role !== 'supervisor') {
            deps.log.warn({ extension: session.extension, route: req.routeOptions.url }, 'console: role refused');
            throw new HttpError(403, 'forbidden', 'this needs a supervisor');
        }
        if (changesState(req) && !sameOrigin(req, deps.trustProxy)) {
            deps.log.warn({ extension: session.extension, route: req.routeOptions.url }, 'console: CSRF check failed (origin)');
            throw new HttpError(403, 'csrf', 'the request did not come from the console page');
        }
        sessions.set(req, session);
    };
}
function changesState(req) {
    return req.method !== 'GET' && req.method !== 'HEAD';
}
/**
 * After the guard: a guarded route's POST must carry a token made from the CSRF cookie's secret (@fastify/csrf-protection);
 * its refusal (FST_CSRF_*) becomes the console's 403 `csrf` in the scope's error handler.
 */
export function consoleCsrfCheck(scope) {
    return (req, reply, done) => {
        if (!req.routeOptions.config.console || !changesState(req)) {
            done();
            return;
        }
        scope.csrfProtection(req, reply, done);
    };
}
/** Throws 403 unless the session may see what concerns `extension` (its own, or any for a supervisor). */
export function mustSee(session, extension) {
    if (session.role !== 'supervisor' && session.extension !== extension)
        throw new HttpError(403, 'forbidden', 'operators see their own calls only');
}
