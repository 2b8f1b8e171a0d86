import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { HttpError } from '../http/http-error.js';
import { consoleAuthRoutes } from './console-auth-routes.js';
import { consoleCsrfCheck, consoleGuard, CSRF_COOKIE, sessionOrNull } from './console-guard.js';
import { consoleJournalRoutes } from './console-journal-routes.js';
import { consoleLiveRoutes } from './console-live-routes.js';
import { consoleReportRoutes } from './console-report-routes.js';
import { consoleTraceRoutes } from './console-trace-routes.js';
import { CONSOLE_ASSETS_DIR, consolePageRoutes } from './console-page-routes.js';
import { ConsoleSessions } from './console-sessions.js';
import { consoleWorkRoutes } from './console-work-routes.js';
import { CONSOLE_SECURITY_HEADERS } from './security-headers.js';
/** Everything under /console, in one encapsulated scope: cookies, the session guard, strict security headers. */
export function consolePlugin(deps) {
    const log = deps.log.child({ component: 'console' });
    const sessions = new ConsoleSessions(deps.redis, deps.prefix, deps.sessionTtlMs);
    return async (app) => {
        await app.register(async (scope) => {
            await scope.register(cookie);
            // the token's secret lives in its own HttpOnly cookie (renewed at sign-in); the page sends the token in X-CSRF-Token
            await scope.register(csrfProtection, {
                sessionPlugin: '@fastify/cookie', cookieKey: CSRF_COOKIE, cookieOpts: { path: '/console', sameSite: 'strict', httpOnly: true },
                getToken: (req) => { const h = req.headers['x-csrf-token']; return Array.isArray(h) ? h[0] : h; },
            });
            await scope.register(fastifyStatic, { root: CONSOLE_ASSETS_DIR, serve: false, dotfiles: 'deny', index: false });
            scope.addHook('onSend', async (_req, reply, payload) => {
                for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS))
                    if (!reply.hasHeader(name))
                        void reply.header(name, value);
                if (!reply.hasHeader('cache-control'))
                    void reply.header('cache-control', 'no-store');
                return payload;
            });
            scope.addHook('onRequest', consoleGuard({ sessions, trustProxy: deps.trustProxy, log }));
            scope.addHook('onRequest', consoleCsrfCheck(scope));
            scope.setErrorHandler((err, req) => {
                if (typeof err.code !== 'string' || !err.code.startsWith('FST_CSRF_'))
                    throw err; // the app's handler answers the rest
                log.warn({ extension: sessionOrNull(req)?.extension, route: req.routeOptions.url }, 'console: CSRF check failed');
                throw new HttpError(403, 'csrf', 'the request did not come from the console page');
            });
            await scope.register(consolePageRoutes());
            await scope.register(consoleAuthRoutes({
                users: deps.users, sessions, sessionTtlMs: deps.sessionTtlMs, trustProxy: deps.trustProxy, loginMaxPerMinute: deps.loginMaxPerMinute,
                redis: deps.redis, prefix: deps.prefix, log,
            }));
            await scope.register(consoleLiveRoutes({
                redis: deps.redis, hub: deps.hub, keys: deps.keys, sessions, log,
                ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}), ...(deps.onPage ? { onPage: deps.onPage } : {}),
            }));
            const { journal, users, recordings, defaultCountry } = deps;
            await scope.register(consoleJournalRoutes({ journal, users, recordings, defaultCountry }));
            await scope.register(consoleReportRoutes({ reports: deps.reports, users }));
            await scope.register(consoleTraceRoutes({ journal, traces: deps.traces, users, playable: recordings.dir !== null }));
            await scope.register(consoleWorkRoutes({
                redis: deps.redis, currentKey: deps.keys.current, journal: deps.journal, missed: deps.missed, crm: deps.crm, crmLink: deps.crmLink,
                users: deps.users, dial: deps.dial, playable: deps.recordings.dir !== null, log,
            }));
        });
    };
}
