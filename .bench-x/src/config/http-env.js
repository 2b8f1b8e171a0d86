import { z } from 'zod';
import { envSection, port, required } from './env-section.js';
const ms = (fallback) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1).max(3_600_000).default(fallback);
const whole = () => z.coerce.number({ error: 'must be a whole number' }).int();
/** The HTTP API: where it listens, its bearer token, and the connection caps and timeouts of its server. */
export const httpSection = envSection({
    shape: {
        HTTP_HOST: z.string().min(1).default('127.0.0.1'),
        HTTP_PORT: port(8080),
        HTTP_MAX_CONNECTIONS: whole().min(1).max(100_000).default(256),
        HTTP_HEADERS_TIMEOUT_MS: ms(10_000),
        HTTP_REQUEST_TIMEOUT_MS: ms(30_000),
        HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
        HTTP_IDLE_TIMEOUT_MS: ms(30_000),
        HTTP_MAX_REQUESTS_PER_SOCKET: whole().min(0).default(1000),
        API_TOKEN: required('set it to a random string of at least 16 characters (openssl rand -hex 24)')
            .min(16, 'is too short: use at least 16 random characters (openssl rand -hex 24)'),
    },
    /** Combinations node refuses or that make no sense. */
    problems: (env) => (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS
        ? ['HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)']
        : []),
    build: (env) => ({
        host: env.HTTP_HOST, port: env.HTTP_PORT, apiToken: env.API_TOKEN,
        /** http/http-server-limits.ts HttpServerLimits. */
        limits: {
            maxConnections: env.HTTP_MAX_CONNECTIONS, headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
            keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS, idleTimeoutMs: env.HTTP_IDLE_TIMEOUT_MS, maxRequestsPerSocket: env.HTTP_MAX_REQUESTS_PER_SOCKET,
        },
    }),
    secrets: (env) => [env.API_TOKEN],
});
