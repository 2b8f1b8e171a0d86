import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthError, type AuthFailureReason } from './auth-error.js';

/**
 * How a route authenticates, read from its own `config.auth` once the router has matched it (never from the raw URL,
 * which the router decodes: `/%761/calls` is `/v1/calls`). A route without it needs the bearer token; only a route
 * that says so is public.
 * - `bearer` (the default): `Authorization: Bearer <API_TOKEN>`;
 * - `public`: probes and documents (health, ready, metrics, openapi);
 * - `own`: the handler authenticates the caller by other means (Bitrix24's application_token) and throws AuthError;
 * - `admin`: the queue dashboard; its own hook lets in a bearer token or a dashboard session (admin-routes.ts).
 */
export type RouteAuth = 'bearer' | 'public' | 'own' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The route's auth mode; a matched route without `config.auth` is `bearer`. */
export function routeAuth(req: FastifyRequest): RouteAuth {
  return req.routeOptions.config.auth ?? 'bearer';
}

const BEARER_HINT = 'missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)';

/** Why `header` does not carry `apiToken`, or null when it does. */
export function bearerProblem(header: string | undefined, apiToken: string): AuthFailureReason | null {
  if (!header) return 'missing_token';
  const match = /^Bearer[ \t]+(.+)$/i.exec(header);
  const given = match?.[1]?.trim();
  if (!given) return 'not_bearer';
  return secretsEqual(given, apiToken) ? null : 'wrong_token';
}

/**
 * onRequest hook for the whole app. Unmatched requests pass untouched, so the not-found handler answers 404 and
 * nothing tells whether a path exists behind the token; a matched route is protected unless it says otherwise.
 */
export function bearerAuth(apiToken: string) {
  return async (req: FastifyRequest): Promise<void> => {
    if (req.is404 || routeAuth(req) !== 'bearer') return;
    const problem = bearerProblem(req.headers.authorization, apiToken);
    if (problem) throw new AuthError(problem, BEARER_HINT);
  };
}
