import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { ConsoleEventHub } from './console-event-hub.js';
import { ConsoleFeed, readCurrentCards, type ConsoleFeedKeys, type FeedMessage } from './console-feed.js';
import { cookieOf, sessionOf } from './console-guard.js';
import type { ConsoleSessions } from './console-sessions.js';
import { CONSOLE_SECURITY_HEADERS } from './security-headers.js';

export interface ConsoleLiveDeps {
  readonly redis: Redis;
  readonly hub: ConsoleEventHub;
  readonly keys: ConsoleFeedKeys;
  readonly sessions: ConsoleSessions;
  readonly log: Logger;
  /** Heartbeat period (default 15 s: under HTTP_IDLE_TIMEOUT_MS, and the session is checked again each time). */
  readonly heartbeatMs?: number;
  /** A page that cannot keep up is dropped past this many unsent bytes (it reconnects and resumes). */
  readonly maxBufferedBytes?: number;
  /** Sees every page feed as it opens and closes (tests, metrics). */
  readonly onPage?: (delta: 1 | -1) => void;
}

function formatMessage(m: FeedMessage, serverNowMs: number): string {
  if (m.kind === 'position') return `id: ${m.id}\n\n`;
  const data = m.kind === 'snapshot' ? { cards: m.cards, serverNowMs } : { ...m.card, serverNowMs };
  return `id: ${m.id}\nevent: ${m.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

function lastEventId(req: FastifyRequest<{ Querystring: { lastEventId?: string } }>): string | null {
  const h = req.headers['last-event-id'];
  const header = Array.isArray(h) ? h[0] : h;
  return header ?? req.query.lastEventId ?? null;
}

/** Server-Sent Events: a snapshot or the missed events, then the live card events of this page's user. */
export function consoleLiveRoutes(deps: ConsoleLiveDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const open = new Set<ServerResponse>();
    // a stopping daemon ends its event streams (the pages reconnect, to another instance or to this one restarted)
    app.addHook('preClose', async () => { for (const res of open) res.end(); });
    app.get('/console/api/board', {
      schema: {
        summary: 'Every current call (supervisors)', operationId: 'consoleBoard', tags: ['console'],
        response: { 200: { type: 'object', properties: { lastEventId: { type: 'string' }, cards: { type: 'array', items: { type: 'object', additionalProperties: true } } } } },
      },
      config: { auth: 'own', console: 'supervisor' },
    }, async () => {
      const { id, cards } = await readCurrentCards(deps.redis, deps.keys);
      return { lastEventId: id, cards };
    });
    app.get<{ Querystring: { lastEventId?: string } }>('/console/api/events', {
      schema: {
        summary: 'Live call cards (text/event-stream)', operationId: 'consoleEvents', tags: ['console'],
        querystring: { type: 'object', properties: { lastEventId: { type: 'string', maxLength: 40 } } },
        response: { 200: { description: 'an event stream: `snapshot`, then `card` events; ids resume with Last-Event-ID', type: 'string' } },
      },
      config: { auth: 'own', console: 'user' },
    }, async (req, reply) => {
      const session = sessionOf(req);
      const cookie = cookieOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...CONSOLE_SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store',
        'x-accel-buffering': 'no', connection: 'keep-alive',
      });
      res.write('retry: 1000\n\n');
      open.add(res);
      const limit = deps.maxBufferedBytes ?? 4 << 20;
      const write = (m: FeedMessage) => {
        if (res.destroyed) return;
        res.write(formatMessage(m, Date.now()));
        if (res.writableLength > limit) res.destroy();
      };
      const feed = new ConsoleFeed(deps.redis, deps.hub, deps.keys, { extension: session.extension, role: session.role }, write);
      deps.onPage?.(1);
      const beat = setInterval(() => {
        void deps.sessions.get(cookie).then((still) => {
          if (still) write({ kind: 'position', id: feed.position });
          else { res.write('event: signed-out\ndata: {}\n\n'); res.end(); }
        }).catch(() => undefined);
      }, deps.heartbeatMs ?? 15_000);
      req.raw.once('close', () => { clearInterval(beat); feed.close(); open.delete(res); deps.onPage?.(-1); });
      try {
        await feed.start(lastEventId(req));
      } catch (err) {
        deps.log.warn({ err, extension: session.extension }, 'console: page feed failed to start');
        res.destroy();
      }
    });
  };
}
