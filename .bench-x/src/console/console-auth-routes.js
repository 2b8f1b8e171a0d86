import rateLimit from '@fastify/rate-limit';
import { HttpError } from '../http/http-error.js';
import { cookieOf, CSRF_COOKIE, sessionOf } from './console-guard.js';
import { cameOverTls, clearedCookie, clientAddress, sameOrigin, sessionCookie } from './console-request.js';
const SignIn = {
    type: 'object', additionalProperties: false, required: ['extension', 'password'],
    properties: { extension: { type: 'string', minLength: 1, maxLength: 32 }, password: { type: 'string', minLength: 1, maxLength: 512 } },
};
const Me = {
    type: 'object', required: ['extension', 'name', 'role', 'csrfToken'],
    properties: {
        extension: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: ['operator', 'supervisor'] }, csrfToken: { type: 'string' },
        names: { type: 'object', additionalProperties: { type: 'string' } },
    },
};
const Ended = { type: 'object', properties: { signedOut: { type: 'boolean' } } };
/** Sign-in (rate-limited per address and extension), the current session, sign-out. */
export function consoleAuthRoutes(deps) {
    return async (app) => {
        await app.register(rateLimit, {
            global: false, redis: deps.redis, nameSpace: `${deps.prefix}:rl:console:`, skipOnError: false,
            errorResponseBuilder: (_req, ctx) => new HttpError(429, 'rate_limited', `too many sign-in attempts; retry in ${ctx.after}`),
        });
        app.post('/console/api/session', {
            schema: { summary: 'Sign in to the operator console', operationId: 'consoleSignIn', tags: ['console'], body: SignIn, response: { 200: Me } },
            config: {
                auth: 'own',
                rateLimit: {
                    max: deps.loginMaxPerMinute, timeWindow: 60_000, hook: 'preHandler',
                    keyGenerator: (req) => `${clientAddress(req, deps.trustProxy)}|${req.body?.extension ?? ''}`,
                    onExceeded: (req) => deps.log.warn({ ip: clientAddress(req, deps.trustProxy) }, 'console: sign-in rate limit reached'),
                },
            },
        }, async (req, reply) => {
            const ip = clientAddress(req, deps.trustProxy);
            if (!sameOrigin(req, deps.trustProxy))
                throw new HttpError(403, 'csrf', 'sign in from the console page');
            const user = await deps.users.check(req.body.extension, req.body.password);
            if (!user) {
                deps.log.warn({ extension: req.body.extension, ip }, 'console: sign-in refused');
                throw new HttpError(401, 'bad_credentials', 'wrong extension or password');
            }
            await deps.sessions.destroy(cookieOf(req));
            const { id, session } = await deps.sessions.create({ extension: user.extension, name: user.name, role: user.role });
            deps.log.info({ extension: user.extension, role: user.role, ip }, 'console: signed in');
            const secure = cameOverTls(req, deps.trustProxy);
            void reply.header('set-cookie', sessionCookie(id, Math.floor(deps.sessionTtlMs / 1000), secure));
            delete req.cookies[CSRF_COOKIE]; // a new session gets a new CSRF secret
            const csrfToken = reply.generateCsrf({ secure });
            return { extension: session.extension, name: session.name, role: session.role, csrfToken, names: deps.users.names() };
        });
        app.get('/console/api/session', {
            schema: { summary: 'The signed-in console user', operationId: 'consoleSession', tags: ['console'], response: { 200: Me } },
            config: { auth: 'own', console: 'user' },
        }, async (req, reply) => {
            const s = sessionOf(req);
            const csrfToken = reply.generateCsrf({ secure: cameOverTls(req, deps.trustProxy) });
            return { extension: s.extension, name: s.name, role: s.role, csrfToken, names: deps.users.names() };
        });
        app.post('/console/api/session/end', {
            schema: { summary: 'Sign out of the operator console', operationId: 'consoleSignOut', tags: ['console'], response: { 200: Ended } },
            config: { auth: 'own', console: 'user' },
        }, async (req, reply) => {
            const s = sessionOf(req);
            await deps.sessions.destroy(cookieOf(req));
            deps.log.info({ extension: s.extension, ip: clientAddress(req, deps.trustProxy) }, 'console: signed out');
            void reply.header('set-cookie', clearedCookie(cameOverTls(req, deps.trustProxy))).clearCookie(CSRF_COOKIE, { path: '/console' });
            return { signedOut: true };
        });
    };
}
