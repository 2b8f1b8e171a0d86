import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { Logger } from '../log.js';
import { AuthError, replyAuthError, type AuthFailureCounter } from './auth-error.js';
import { bearerAuth, type TokenCheck } from './bearer-auth.js';
import { adminRoutes, type AdminDeps } from './admin-routes.js';
import { documentRoute, registerOpenApi } from './openapi-setup.js';
import { registerRequestLog, requestIdOf } from './request-log.js';
import { httpServerOptions, type HttpServerLimits } from './http-server-limits.js';
import { HttpError, frameworkErrorReply, makeErrorHandler, errorBody } from './http-error.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import { callRoutes, type CallJournalReader } from './routes/calls.js';
import { contactRoutes, type ContactLookup } from './routes/contacts.js';
import { metricsRoutes, type MetricsSource } from './routes/metrics.js';

export interface HttpDeps {
  readonly apiToken: string;
  /** Which bearer tokens open the API (a deployment file tenant's hashed ones); API_TOKEN alone when omitted. */
  readonly tokens?: TokenCheck;
  readonly log: Logger;
  readonly readiness: Readiness;
  /** The call journal and contact routes (omitted by a deployment file's listener: those are its tenants'). */
  readonly journal?: CallJournalReader;
  readonly contacts?: ContactLookup;
  readonly metrics: MetricsSource;
  /** Extra route plugins (click-to-call, routing, CRM events), registered after the core ones. */
  readonly extraRoutes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
  readonly bodyLimitBytes?: number;
  /** The queue dashboard at /admin/queues (omitted: no dashboard). */
  readonly admin?: Omit<AdminDeps, 'apiToken' | 'log' | 'authFailures'>;
  /** The package version, shown in the OpenAPI document. */
  readonly version?: string;
  /** Counts refused authentications (pcb_http_auth_failures_total). */
  readonly authFailures?: AuthFailureCounter;
  /** Counts connections closed on arrival because HTTP_MAX_CONNECTIONS were open. */
  readonly connectionsDropped?: { inc(): void };
  /** Connection caps and timeouts of the listening server (defaults: node's, no cap). */
  readonly limits?: HttpServerLimits;
  /** Sees every route as it is registered (tests walk the real route table with it). */
  readonly onRoute?: (route: RouteOptions) => void;
  /** Takes a request before this app does (a deployment file's tenants, http/tenant-dispatch.ts); false: this app answers. */
  readonly dispatch?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** The node server fastify would make, with a dispatcher in front of fastify's handler (the same limits apply to both). */
function dispatchingServer(dispatch: NonNullable<HttpDeps['dispatch']>) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void, opts: FastifyServerOptions & { http?: ServerOptions }): Server => {
    const server = createServer(opts.http ?? {}, (req, res) => { if (!dispatch(req, res)) handler(req, res); });
    if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout;
    if (opts.requestTimeout !== undefined) server.requestTimeout = opts.requestTimeout;
    if (opts.connectionTimeout !== undefined) server.setTimeout(opts.connectionTimeout);
    if (opts.maxRequestsPerSocket) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };
}

/** Builds the fastify app; tests call `app.inject()` on it, main.ts calls `listen`. */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const httpLog = deps.log.child({ component: 'http' });
  const logger: FastifyBaseLogger = httpLog;
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
  if (deps.limits) app.server.maxConnections = deps.limits.maxConnections;
  const dropped = deps.connectionsDropped;
  if (dropped) app.server.on('drop', () => dropped.inc()); // a connection closed at once: HTTP_MAX_CONNECTIONS reached
  app.addHook('onRoute', (route) => {
    documentRoute(route); // public routes say so, errors get the shared schema (before swagger's own onRoute reads it)
    deps.onRoute?.(route);
  });
  const handleError = makeErrorHandler(httpLog);
  const refuse = replyAuthError(httpLog, deps.authFailures);
  app.setErrorHandler((err: Error, req, reply) => {
    if (err instanceof AuthError) refuse(err, req, reply);
    else handleError(err, req, reply);
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
  if (deps.journal) await app.register(callRoutes(deps.journal));
  if (deps.contacts) await app.register(contactRoutes(deps.contacts));
  for (const plugin of deps.extraRoutes ?? []) await app.register(plugin);
  if (deps.admin) await app.register(adminRoutes({ ...deps.admin, apiToken: deps.apiToken, log: deps.log, authFailures: deps.authFailures }));
  return app;
}

export { HttpError };
