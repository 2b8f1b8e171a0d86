import { randomUUID } from 'node:crypto';
export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id we keep: 1–64 characters of letters, digits and `._:-` (anything else gets a fresh id). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Fastify's genReqId: the caller's `X-Request-Id` when it is short and safe, else a fresh UUID. */
export function requestIdOf(req) {
    const given = req.headers[REQUEST_ID_HEADER];
    const value = Array.isArray(given) ? given[0] : given;
    return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}
function logResponse(req, reply) {
    const status = reply.statusCode;
    const facts = {
        method: req.method, route: req.routeOptions.url ?? 'unmatched', status, durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (req.routeOptions.config.probe === true && status < 400)
        req.log.debug(facts, 'request');
    else
        req.log.info(facts, 'request');
}
/**
 * One log line per request once it is answered (method, route pattern, status, duration; the request id comes from
 * the request's logger as `reqId`), never the URL (it may carry a phone number) or a header; the id is echoed in
 * `X-Request-Id` so a caller can quote it.
 */
export function registerRequestLog(app) {
    app.addHook('onRequest', async (req, reply) => { void reply.header(REQUEST_ID_HEADER, req.id); });
    app.addHook('onResponse', async (req, reply) => logResponse(req, reply));
}
