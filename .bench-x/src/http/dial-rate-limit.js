import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { HttpError } from './http-error.js';
function tokenKey(req) {
    const auth = req.headers.authorization ?? '';
    return auth ? `tok-${createHash('sha256').update(auth).digest('hex').slice(0, 16)}` : `ip-${req.ip}`;
}
function tooMany(after) {
    return new HttpError(429, 'rate_limited', `too many calls; retry in ${after}`);
}
/**
 * Registers @fastify/rate-limit (not global) in the calling plugin's scope and returns the two toll-fraud limits:
 * per API token (or CRM application) and per extension. Storage errors fail closed (no originate without a count).
 */
export async function registerDialRateLimit(app, s) {
    await app.register(rateLimit, {
        global: false,
        max: s.perTokenMax,
        timeWindow: s.windowMs,
        skipOnError: false,
        ...(s.redis ? { redis: s.redis, nameSpace: `${s.prefix ?? 'pcb'}:rl:` } : {}),
        errorResponseBuilder: (_req, ctx) => tooMany(ctx.after),
    });
    const extensionOf = new WeakMap();
    const perExtension = app.createRateLimit({
        max: s.perExtensionMax,
        timeWindow: s.windowMs,
        keyGenerator: (req) => `ext-${extensionOf.get(req) ?? ''}`,
    });
    return {
        perCaller: (who) => ({
            max: s.perTokenMax,
            timeWindow: s.windowMs,
            keyGenerator: who ? (req) => `app-${who(req)}` : tokenKey,
            errorResponseBuilder: (_req, ctx) => tooMany(ctx.after),
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
