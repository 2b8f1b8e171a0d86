import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './http-error.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** onRequest hook: `/v1/*` needs `Authorization: Bearer <API_TOKEN>`, except paths in `publicPrefixes` (they authenticate otherwise). */
export function bearerAuth(apiToken: string, publicPrefixes: readonly string[] = []) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/') || publicPrefixes.some((p) => path.startsWith(p))) return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !secretsEqual(match[1].trim(), apiToken)) {
      await reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('unauthorized', 'missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)'));
    }
  };
}
