/** An error with an HTTP status and a stable machine-readable code; its message is safe to show. */
export class HttpError extends Error {
    statusCode;
    code;
    name = 'HttpError';
    constructor(statusCode, code, message) {
        super(message);
        this.statusCode = statusCode;
        this.code = code;
    }
}
/** A route's 4xx/5xx response schema: a reference to the shared ErrorBody schema (api-schemas.ts, added by openapi-setup.ts). */
export const ErrorBodySchema = { $ref: 'ErrorBody#' };
export function errorBody(code, message) {
    return { error: { code, message } };
}
/** Every error leaves as `{error: {code, message}}`; 5xx bodies never carry internal messages. */
export function makeErrorHandler(log) {
    return (err, req, reply) => {
        if (err instanceof HttpError) {
            void reply.code(err.statusCode).send(errorBody(err.code, err.message));
            return;
        }
        const fe = err;
        if (fe.validation) {
            void reply.code(400).send(errorBody('invalid_request', `${fe.validationContext ?? 'request'} ${fe.validation.map((v) => `${v.instancePath || ''} ${v.message ?? ''}`.trim()).join('; ')}`));
            return;
        }
        const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
        if (status >= 400 && status < 500) {
            const code = status === 429 ? 'rate_limited' : status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
            void reply.code(status).send(errorBody(code, fe.message));
            return;
        }
        log.error({ err, reqId: req.id, route: req.routeOptions.url, method: req.method }, 'request failed');
        void reply.code(status >= 500 ? status : 500).send(errorBody('internal', 'internal error; see the daemon log'));
    };
}
/**
 * Fastify's `frameworkErrors`: errors raised before routing (a URL with bad percent-encoding, a path parameter over
 * maxParamLength) otherwise leave in fastify's own shape; here they get `{error: {code, message}}` like the rest.
 */
export function frameworkErrorReply(err, _req, reply) {
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        void reply.code(414).send(errorBody('uri_too_long', 'a path parameter is too long'));
        return;
    }
    if (err.code === 'FST_ERR_BAD_URL') {
        void reply.code(400).send(errorBody('bad_request', 'the URL is not valid (bad percent-encoding)'));
        return;
    }
    void reply.code(500).send(errorBody('internal', 'internal error; see the daemon log'));
}
