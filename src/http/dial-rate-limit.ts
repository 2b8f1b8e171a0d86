import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RedisClient } from '../net/redis-client.js';
import { HttpError } from './http-error.js';

/** Config.callControl.rateLimit, plus the Redis that shares counters between instances (and between routes). */
export interface DialRateLimitSettings {
  readonly windowMs: number;
  readonly perTokenMax: number;
  readonly perExtensionMax: number;
  /** With Redis, counters are shared by every instance and by both click-to-call routes; without, per process. */
  readonly redis?: RedisClient | null;
  readonly prefix?: string;
}

export interface DialRateLimit {
  /** Route `config.rateLimit` for the per-caller limit (by bearer token, or by `who` for routes without one). */
  perCaller(who?: (req: FastifyRequest) => string): object;
  /** Counts one originate for `extension`; throws HttpError 429 past the limit. */
  checkExtension(req: FastifyRequest, extension: string): Promise<void>;
}

function tokenKey(req: FastifyRequest): string {
  const auth = req.headers.authorization ?? '';
  return auth ? `tok-${createHash('sha256').update(auth).digest('hex').slice(0, 16)}` : `ip-${req.ip}`;
}

function tooMany(after: string): HttpError {
  return new HttpError(429, 'rate_limited', `too many calls; retry in ${after}`);
}

/**
 * Registers @fastify/rate-limit (not global) in the calling plugin's scope and returns the two toll-fraud limits:
 * per API token (or CRM application) and per extension. Storage errors fail closed (no originate without a count).
 */
export async function registerDialRateLimit(app: FastifyInstance, s: DialRateLimitSettings): Promise<DialRateLimit> {
  await app.register(rateLimit, {
    global: false,
    max: s.perTokenMax,
    timeWindow: s.windowMs,
    skipOnError: false,
    ...(s.redis ? { redis: s.redis, nameSpace: `${s.prefix ?? 'pcb'}:rl:` } : {}),
    errorResponseBuilder: (_req, ctx) => tooMany(ctx.after),
  });
  const extensionOf = new WeakMap<FastifyRequest, string>();
  const perExtension = app.createRateLimit({
    max: s.perExtensionMax,
    timeWindow: s.windowMs,
    keyGenerator: (req) => `ext-${extensionOf.get(req) ?? ''}`,
  });
  return {
    perCaller: (who) => ({
      max: s.perTokenMax,
      timeWindow: s.windowMs,
      keyGenerator: who ? (req: FastifyRequest) => `app-${who(req)}` : tokenKey,
      errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) => tooMany(ctx.after),
    }),
    checkExtension: async (req, extension) => {
      extensionOf.set(req, extension);
      const limit = await perExtension(req);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new HttpError(429, 'rate_limited', `too many calls from extension ${extension}; retry in ${limit.ttlInSeconds} s`);
      }
    },
  };
}
