import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';
import { bearerAuth } from './bearer-auth.js';
import { HttpError, frameworkErrorReply, makeErrorHandler, errorBody } from './http-error.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import { callRoutes, type CallJournalReader } from './routes/calls.js';
import { contactRoutes, type ContactLookup } from './routes/contacts.js';
import { metricsRoutes, type MetricsSource } from './routes/metrics.js';

export interface HttpDeps {
  readonly apiToken: string;
  readonly log: Logger;
  readonly readiness: Readiness;
  readonly journal: CallJournalReader;
  readonly contacts: ContactLookup;
  readonly metrics: MetricsSource;
  /** Extra route plugins (click-to-call, routing, CRM events), registered after the core ones. */
  readonly extraRoutes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
  /** Paths under /v1/ that authenticate by other means (e.g. Bitrix24's application_token). */
  readonly publicPrefixes?: readonly string[];
  readonly bodyLimitBytes?: number;
}

/** Builds the fastify app; tests call `app.inject()` on it, main.ts calls `listen`. */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = deps.log.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? 64 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    frameworkErrors: frameworkErrorReply,
  });
  app.setErrorHandler(makeErrorHandler(deps.log.child({ component: 'http' })));
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`));
  });
  app.addHook('onRequest', bearerAuth(deps.apiToken, deps.publicPrefixes ?? []));
  // OpenAPI document built from the route schemas, served at GET /openapi.json
  await app.register(swagger, {
    openapi: {
      info: { title: 'pbx-crm-bridge', version: '0.1.0', description: 'Call journal, click-to-call and responsible routing' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(healthRoutes(deps.readiness));
  await app.register(metricsRoutes(deps.metrics));
  await app.register(callRoutes(deps.journal));
  await app.register(contactRoutes(deps.contacts));
  for (const plugin of deps.extraRoutes ?? []) await app.register(plugin);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export { HttpError };
