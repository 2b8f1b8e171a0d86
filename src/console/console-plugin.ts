import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '../net/redis-client.js';
import type { RecordingsConfig } from '../config/console-env.js';
import type { CrmAdapter, EntityRef } from '../crm/adapter.js';
import type { Originator } from '../http/click-to-call-originator.js';
import type { DialGuard } from '../http/dial-guard.js';
import { HttpError } from '../http/http-error.js';
import type { CallJournal } from '../journal/call-journal.js';
import type { Logger } from '../log.js';
import { consoleAuthRoutes } from './console-auth-routes.js';
import type { ConsoleEventHub } from './console-event-hub.js';
import type { ConsoleFeedKeys } from './console-feed.js';
import { consoleCsrfCheck, consoleGuard, CSRF_COOKIE, sessionOrNull } from './console-guard.js';
import { consoleJournalRoutes } from './console-journal-routes.js';
import { consoleLiveRoutes } from './console-live-routes.js';
import { consoleReportRoutes, type ConsoleReportSource } from './console-report-routes.js';
import { consoleTraceRoutes, type ConsoleTraceReader } from './console-trace-routes.js';
import { CONSOLE_ASSETS_DIR, consolePageRoutes } from './console-page-routes.js';
import { ConsoleSessions } from './console-sessions.js';
import type { ConsoleUsers } from './console-users.js';
import { consoleWorkRoutes } from './console-work-routes.js';
import type { MissedCallSource } from './missed-calls.js';
import { CONSOLE_SECURITY_HEADERS } from './security-headers.js';

export interface ConsoleDeps {
  readonly redis: RedisClient;
  readonly prefix: string;
  readonly users: ConsoleUsers;
  readonly hub: ConsoleEventHub;
  readonly keys: ConsoleFeedKeys;
  readonly journal: Pick<CallJournal, 'list' | 'get'>;
  /** The report counters' figures for the supervisors' reports page. */
  readonly reports: ConsoleReportSource;
  /** Per-call traces, shown on a call's page. */
  readonly traces: ConsoleTraceReader;
  readonly missed: MissedCallSource;
  readonly crm: Pick<CrmAdapter, 'findByPhone'>;
  readonly crmLink: (entity: EntityRef) => string | null;
  readonly dial: { readonly guard: DialGuard; readonly originator: Originator } | null;
  readonly recordings: RecordingsConfig;
  readonly defaultCountry: string;
  readonly sessionTtlMs: number;
  readonly trustProxy: boolean;
  readonly loginMaxPerMinute: number;
  readonly log: Logger;
  readonly heartbeatMs?: number;
  readonly onPage?: (delta: 1 | -1) => void;
}

/** Everything under /console, in one encapsulated scope: cookies, the session guard, strict security headers. */
export function consolePlugin(deps: ConsoleDeps) {
  const log = deps.log.child({ component: 'console' });
  const sessions = new ConsoleSessions(deps.redis, deps.prefix, deps.sessionTtlMs);
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(async (scope) => {
      await scope.register(cookie);
      // the token's secret lives in its own HttpOnly cookie (renewed at sign-in); the page sends the token in X-CSRF-Token
      await scope.register(csrfProtection, {
        sessionPlugin: '@fastify/cookie', cookieKey: CSRF_COOKIE, cookieOpts: { path: '/console', sameSite: 'strict', httpOnly: true },
        getToken: (req) => { const h = req.headers['x-csrf-token']; return Array.isArray(h) ? h[0] : h; },
      });
      await scope.register(fastifyStatic, { root: CONSOLE_ASSETS_DIR, serve: false, dotfiles: 'deny', index: false });
      scope.addHook('onSend', async (_req, reply, payload) => {
        for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) if (!reply.hasHeader(name)) void reply.header(name, value);
        if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
        return payload;
      });
      scope.addHook('onRequest', consoleGuard({ sessions, trustProxy: deps.trustProxy, log }));
      scope.addHook('onRequest', consoleCsrfCheck(scope));
      scope.setErrorHandler((err: Error & { code?: string }, req) => {
        if (typeof err.code !== 'string' || !err.code.startsWith('FST_CSRF_')) throw err; // the app's handler answers the rest
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
