import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';

/** What one listening HTTP server may hold open (HTTP_* settings): slow or idle clients are cut, extra ones refused. */
export interface HttpServerLimits {
  /** Open sockets at most (server.maxConnections); further ones are closed as they arrive. */
  readonly maxConnections: number;
  /** Whole request headers must arrive within this after the connection opens (or the last request). */
  readonly headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  readonly idleTimeoutMs: number;
  /** Requests served on one keep-alive socket before it is closed (0: no limit). */
  readonly maxRequestsPerSocket: number;
}

/** How often node checks the headers/request deadlines: often enough that they hold within about a quarter of them. */
export function checkingIntervalMs(limits: HttpServerLimits): number {
  return Math.max(10, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}

/** The fastify/node server options for these limits (server.maxConnections is set on the built server). */
export function httpServerOptions(limits: HttpServerLimits): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: checkingIntervalMs(limits) },
  };
}
