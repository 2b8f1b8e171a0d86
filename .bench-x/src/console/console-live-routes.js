import { createRequire } from 'node:module';
import { ConsoleFeed, readCurrentCards } from './console-feed.js';
import { cookieOf, sessionOf } from './console-guard.js';
import { CONSOLE_SECURITY_HEADERS } from './security-headers.js';
// the package's module.exports is the plugin wrapped by fastify-plugin (so its onRoute hook sees this scope's routes);
// its typings only describe the unwrapped `default`/`fastifySSE` export, which would not see them
const fastifySse = createRequire(import.meta.url)('@fastify/sse');
/** Data already in JSON: the route's serializer sends it as it is. */
class Json {
    text;
    constructor(text) {
        this.text = text;
    }
}
const serializer = (data) => (data instanceof Json ? data.text : JSON.stringify(data));
/**
 * One feed message as an SSE message (a `position` has no data: the browser only takes its id). A card event's data is
 * `{"card":…,"view":…,"serverNowMs":…}` around the card's JSON from the stream, which is not parsed and written again.
 */
function toSse(m, serverNowMs) {
    if (m.kind === 'position')
        return { id: m.id, data: undefined };
    if (m.kind === 'snapshot')
        return { id: m.id, event: m.kind, data: { cards: m.cards, serverNowMs } };
    return { id: m.id, event: m.kind, data: new Json(`{"card":${m.json},"view":${JSON.stringify(m.card.view)},"serverNowMs":${serverNowMs}}`) };
}
/**
 * Server-Sent Events through @fastify/sse: a snapshot or the missed events, then the live card events of this page's
 * user. The plugin's own heartbeat is off: ours carries the position and checks the session again.
 */
export function consoleLiveRoutes(deps) {
    return async (app) => {
        await app.register(fastifySse);
        const open = new Set();
        // a stopping daemon ends its event streams (the pages reconnect, to another instance or to this one restarted)
        app.addHook('preClose', async () => { for (const sse of open)
            sse.close(); });
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
        app.get('/console/api/events', {
            sse: { kind: 'only', heartbeat: false, serializer },
            schema: {
                summary: 'Live call cards (text/event-stream)', operationId: 'consoleEvents', tags: ['console'],
                querystring: { type: 'object', properties: { lastEventId: { type: 'string', maxLength: 40 } } },
                response: { 200: { description: 'an event stream: `snapshot`, then `card` events; ids resume with Last-Event-ID', type: 'string' } },
            },
            config: { auth: 'own', console: 'user' },
        }, async (req, reply) => {
            const session = sessionOf(req);
            const cookie = cookieOf(req);
            const sse = reply.sse;
            // the plugin copies these onto the stream's head (the scope's onSend hook never runs for a stream)
            for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS))
                void reply.header(name, value);
            void reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-store');
            sse.keepAlive();
            sse.sendHeaders();
            open.add(sse);
            const res = reply.raw;
            const limit = deps.maxBufferedBytes ?? 4 << 20;
            let retry = 1000; // told once, with the first message
            const write = (m) => {
                if (!sse.isConnected)
                    return;
                const message = toSse(m, Date.now());
                void sse.send(retry === undefined ? message : { ...message, retry });
                retry = undefined;
                if (res.writableLength > limit)
                    res.destroy();
            };
            const feed = new ConsoleFeed(deps.redis, deps.hub, deps.keys, { extension: session.extension, role: session.role }, write);
            deps.onPage?.(1);
            const beat = setInterval(() => {
                void deps.sessions.get(cookie).then(async (still) => {
                    if (still)
                        write({ kind: 'position', id: feed.position });
                    else if (sse.isConnected) {
                        await sse.send({ event: 'signed-out', data: {} });
                        sse.close();
                    }
                }).catch(() => undefined);
            }, deps.heartbeatMs ?? 15_000);
            sse.onClose(() => { clearInterval(beat); feed.close(); open.delete(sse); deps.onPage?.(-1); });
            try {
                await feed.start(sse.lastEventId ?? req.query.lastEventId ?? null);
            }
            catch (err) {
                deps.log.warn({ err, extension: session.extension }, 'console: page feed failed to start');
                res.destroy();
            }
        });
    };
}
