import { errorBody, HttpError } from './http-error.js';
/** A refused authentication: answered 401, logged (never with a credential) and counted by the app's error handler. */
export class AuthError extends HttpError {
    reason;
    facts;
    name = 'AuthError';
    /** `facts` are extra fields for the log line (e.g. the Bitrix24 event name); never a credential. */
    constructor(reason, message, facts = {}) {
        super(401, 'unauthorized', message);
        this.reason = reason;
        this.facts = facts;
    }
}
const BEARER_REASONS = new Set(['missing_token', 'not_bearer', 'wrong_token']);
/** Logs (request id, source address, method, route pattern, reason; never a credential) and counts one refusal. */
export function recordAuthFailure(log, counter) {
    return (err, req) => {
        const route = req.routeOptions.url ?? 'unmatched';
        log.warn({ ...err.facts, reqId: req.id, ip: req.ip, method: req.method, route, reason: err.reason }, 'authentication failed');
        counter?.inc({ route, reason: err.reason });
    };
}
/** Logs the refusal once (source address, method, route pattern, reason: no header, no URL, no token), counts it, answers 401. */
export function replyAuthError(log, counter) {
    const record = recordAuthFailure(log, counter);
    return (err, req, reply) => {
        record(err, req);
        if (BEARER_REASONS.has(err.reason))
            void reply.header('www-authenticate', 'Bearer');
        void reply.code(401).send(errorBody(err.code, err.message));
    };
}
