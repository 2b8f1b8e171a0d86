import { z } from 'zod';
import type { HttpServerLimits } from '../http/http-server-limits.js';

const ms = (fallback: number) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1).max(3_600_000).default(fallback);

/** Connection caps and timeouts of the HTTP API (merged into EnvSchema after HTTP_PORT). */
export const HttpLimitsEnvShape = {
  HTTP_MAX_CONNECTIONS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(100_000).default(256),
  HTTP_HEADERS_TIMEOUT_MS: ms(10_000),
  HTTP_REQUEST_TIMEOUT_MS: ms(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
  HTTP_IDLE_TIMEOUT_MS: ms(30_000),
  HTTP_MAX_REQUESTS_PER_SOCKET: z.coerce.number({ error: 'must be a whole number' }).int().min(0).default(1000),
} as const;

interface HttpLimitsEnv {
  HTTP_MAX_CONNECTIONS: number; HTTP_HEADERS_TIMEOUT_MS: number; HTTP_REQUEST_TIMEOUT_MS: number;
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number; HTTP_IDLE_TIMEOUT_MS: number; HTTP_MAX_REQUESTS_PER_SOCKET: number;
}

/** Combinations node refuses or that make no sense. */
export function httpLimitsProblems(env: HttpLimitsEnv): string[] {
  return env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS
    ? ['HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)']
    : [];
}

export function toHttpLimits(env: HttpLimitsEnv): HttpServerLimits {
  return {
    maxConnections: env.HTTP_MAX_CONNECTIONS, headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS, idleTimeoutMs: env.HTTP_IDLE_TIMEOUT_MS, maxRequestsPerSocket: env.HTTP_MAX_REQUESTS_PER_SOCKET,
  };
}
