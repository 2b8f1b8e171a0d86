import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../log.js';
import { errorBody, HttpError } from './http-error.js';

/** Low-cardinality reasons, used as a metric label. */
export type AuthFailureReason =
  | 'missing_token' | 'not_bearer' | 'wrong_token'
  | 'application_token_unset' | 'wrong_application_token' | 'wrong_member_id' | 'no_admin_session';

/** A refused authentication: answered 401, logged (never with a credential) and counted by the app's error handler. */
export class AuthError extends HttpError {
  override name = 'AuthError';
  /** `facts` are extra fields for the log line (e.g. the Bitrix24 event name); never a credential. */
  constructor(readonly reason: AuthFailureReason, message: string, readonly facts: Readonly<Record<string, string>> = {}) {
    super(401, 'unauthorized', message);
  }
}

/** Counts refusals; `route` is the route pattern (`/v1/calls/:id`), never the request URL. */
export interface AuthFailureCounter {
  inc(labels: { route: string; reason: AuthFailureReason }): void;
}

const BEARER_REASONS: ReadonlySet<AuthFailureReason> = new Set(['missing_token', 'not_bearer', 'wrong_token']);

/** Logs (request id, source address, method, route pattern, reason; never a credential) and counts one refusal. */
export function recordAuthFailure(log: Logger, counter: AuthFailureCounter | undefined) {
  return (err: AuthError, req: FastifyRequest): void => {
    const route = req.routeOptions.url ?? 'unmatched';
    log.warn({ ...err.facts, reqId: req.id, ip: req.ip, method: req.method, route, reason: err.reason }, 'authentication failed');
    counter?.inc({ route, reason: err.reason });
  };
}

/** Logs the refusal once (source address, method, route pattern, reason: no header, no URL, no token), counts it, answers 401. */
export function replyAuthError(log: Logger, counter: AuthFailureCounter | undefined) {
  const record = recordAuthFailure(log, counter);
  return (err: AuthError, req: FastifyRequest, reply: FastifyReply): void => {
    record(err, req);
    if (BEARER_REASONS.has(err.reason)) void reply.header('www-authenticate', 'Bearer');
    void reply.code(401).send(errorBody(err.code, err.message));
  };
}
