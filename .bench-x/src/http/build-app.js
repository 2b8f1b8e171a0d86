import { createServer } from 'node:http';
import Fastify, { LogController } from 'fastify';
import { AuthError, replyAuthError } from './auth-error.js';
import { bearerAuth } from './bearer-auth.js';
import { adminRoutes } from './admin-routes.js';
import { documentRoute, registerOpenApi } from './openapi-setup.js';
import { registerRequestLog, requestIdOf } from './request-log.js';
import { httpServerOptions } from './http-server-limits.js';
import { HttpError, frameworkErrorReply, makeErrorHandler, errorBody } from './http-error.js';
import { healthRoutes } from './routes/health.js';
import { callRoutes } from './routes/calls.js';
import { contactRoutes } from './routes/contacts.js';
import { metricsRoutes } from './routes/metrics.js';
/** The node server fastify would make, with a dispatcher in front of fastify's handler (the same limits apply to both). */
function dispatchingServer(dispatch) {
    return (handler, opts) => {
        const server = createServer(opts.http ?? {}, (req, res) => { if (!dispatch(req, res))
            handler(req, res); });
        if (opts.keepAliveTimeout !== undefined)
            server.keepAliveTimeout = opts.keepAliveTimeout;
        if (opts.requestTimeout !== undefined)
            server.requestTimeout = opts.requestTimeout;
        if (opts.connectionTimeout !== undefined)
            server.setTimeout(opts.connectionTimeout);
        if (opts.maxRequestsPerSocket)
            server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
        return server;
    };
}
/** Builds the fastify app; tests call `app.inject()` on it, main.ts calls `listen`. */
export async function buildHttpApp(deps) {
    const httpLog = deps.log.child({ component: 'http' });
    const logger = httpLog;
    const app = Fastify({
        loggerInstance: logger,
        logController: new LogController({ disableRequestLogging: true }),
        bodyLimit: deps.bodyLimitBytes ?? 64 * 1024,
        ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
        frameworkErrors: frameworkErrorReply,
        requestIdHeader: false, genReqId: requestIdOf,
        ...(deps.limits ? httpServerOptions(deps.limits) : {}),
        ...(deps.dispatch ? { serverFactory: dispatchingServer(deps.dispatch) } : {}),
    });
    if (deps.limits)
        app.server.maxConnections = deps.limits.maxConnections;
    const dropped = deps.connectionsDropped;
    if (dropped)
        app.server.on('drop', () => dropped.inc()); // a connection closed at once: HTTP_MAX_CONNECTIONS reached
    app.addHook('onRoute', (route) => {
        documentRoute(route); // public routes say so, errors get the shared schema (before swagger's own onRoute reads it)
        deps.onRoute?.(route);
    });
    const handleError = makeErrorHandler(httpLog);
    const refuse = replyAuthError(httpLog, deps.authFailures);
    app.setErrorHandler((err, req, reply) => {
        if (err instanceof AuthError)
            refuse(err, req, reply);
        else
            handleError(err, req, reply);
    });
    app.setNotFoundHandler((req, reply) => {
        void reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`));
    });
    registerRequestLog(app);
    // decided on the matched route's config.auth (protected unless it says otherwise), never on the raw URL
    app.addHook('onRequest', bearerAuth(deps.tokens ?? deps.apiToken));
    await registerOpenApi(app, deps.version ?? 'dev');
    await app.register(healthRoutes(deps.readiness));
    await app.register(metricsRoutes(deps.metrics));
    if (deps.journal)
        await app.register(callRoutes(deps.journal));
    if (deps.contacts)
        await app.register(contactRoutes(deps.contacts));
    for (const plugin of deps.extraRoutes ?? [])
        await app.register(plugin);
    if (deps.admin)
        await app.register(adminRoutes({ ...deps.admin, apiToken: deps.apiToken, log: deps.log, authFailures: deps.authFailures }));
    return app;
}
export { HttpError };
