import { z } from 'zod';
import { envSection, flag } from './env-section.js';
import { redisUrlProblem } from './redis-url.js';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** `host:port` (or `[v6]:port`); null when it is not one. */
export function parseRedisAddress(text) {
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9_.-]+)):(\d{1,5})$/.exec(text);
    const port = Number(m?.[3]);
    const host = m?.[1] ?? m?.[2];
    return host && port >= 1 && port <= 65535 ? { host, port } : null;
}
/** A comma-separated list of `host:port`; every entry that is not one is named. */
const addresses = (example) => z.string().optional().transform((s, ctx) => {
    const items = (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const bad = items.filter((x) => parseRedisAddress(x) === null);
    if (bad.length > 0)
        ctx.addIssue({ code: 'custom', message: `${bad.map((b) => `"${b}"`).join(', ')} is not host:port; use e.g. ${example}` });
    return items.flatMap((x) => { const a = parseRedisAddress(x); return a ? [a] : []; });
});
const optionalText = z.string().optional().transform((s) => (s === undefined || s === '' ? null : s));
const REDIS_SHAPE = {
    REDIS_URL: z.string().optional().superRefine((url, ctx) => {
        const problem = url === undefined ? null : redisUrlProblem(url);
        if (problem)
            ctx.addIssue({ code: 'custom', message: problem });
    }),
    REDIS_SENTINELS: addresses('sentinel1:26379,sentinel2:26379,sentinel3:26379'),
    REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (the name in `sentinel monitor <name> …`)').optional(),
    REDIS_SENTINEL_PASSWORD: optionalText,
    REDIS_CLUSTER_NODES: addresses('redis1:6379,redis2:6379,redis3:6379'),
    REDIS_USERNAME: optionalText,
    REDIS_PASSWORD: optionalText,
    REDIS_TLS: flag(false),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('pcb'),
};
/**
 * Where Redis is, in one of three modes that exclude each other: REDIS_URL (one server; the default), REDIS_SENTINELS
 * with REDIS_SENTINEL_NAME (the master the sentinels name, followed through failovers), or REDIS_CLUSTER_NODES (a
 * Redis Cluster). On a Cluster every key of the deployment carries one hash tag, `{REDIS_PREFIX}`, so the state, the
 * BullMQ queues and the journal share one slot: the crash-safe writer's MULTI, the queue's scripts and the reports'
 * scripts each touch many keys at once, and its order "state, then jobs" holds because one node applies both.
 */
export const redisSection = envSection({
    shape: REDIS_SHAPE,
    problems: (env) => {
        const out = [];
        const sentinel = env.REDIS_SENTINELS.length > 0;
        const cluster = env.REDIS_CLUSTER_NODES.length > 0;
        if (sentinel && cluster)
            out.push('REDIS_SENTINELS and REDIS_CLUSTER_NODES: set one of them (Sentinel or Cluster), not both');
        if (env.REDIS_URL !== undefined && (sentinel || cluster)) {
            out.push(`REDIS_URL and ${sentinel ? 'REDIS_SENTINELS' : 'REDIS_CLUSTER_NODES'}: set one Redis mode only; remove REDIS_URL (give the password as REDIS_PASSWORD, TLS as REDIS_TLS)`);
        }
        if (sentinel && env.REDIS_SENTINEL_NAME === undefined)
            out.push('REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS: the master name of `sentinel monitor <name> …`');
        if (!sentinel && env.REDIS_SENTINEL_NAME !== undefined)
            out.push('REDIS_SENTINEL_NAME: needs REDIS_SENTINELS (the sentinels to ask for that master)');
        if (!sentinel && env.REDIS_SENTINEL_PASSWORD !== null)
            out.push('REDIS_SENTINEL_PASSWORD: needs REDIS_SENTINELS');
        if (!sentinel && !cluster) {
            for (const key of ['REDIS_USERNAME', 'REDIS_PASSWORD']) {
                if (env[key] !== null)
                    out.push(`${key}: applies to REDIS_SENTINELS or REDIS_CLUSTER_NODES; with REDIS_URL put it in the URL (redis://user:password@host:6379)`);
            }
            if (env.REDIS_TLS)
                out.push('REDIS_TLS: applies to REDIS_SENTINELS or REDIS_CLUSTER_NODES; with REDIS_URL use rediss://');
        }
        return out;
    },
    build: (env) => buildRedis(env),
    secrets: (env) => [env.REDIS_PASSWORD ?? '', env.REDIS_SENTINEL_PASSWORD ?? ''],
});
function buildRedis(env) {
    const auth = { username: env.REDIS_USERNAME, password: env.REDIS_PASSWORD, tls: env.REDIS_TLS };
    const url = env.REDIS_URL ?? DEFAULT_REDIS_URL;
    const connection = env.REDIS_SENTINELS.length > 0
        ? { mode: 'sentinel', sentinels: env.REDIS_SENTINELS, name: env.REDIS_SENTINEL_NAME ?? '', sentinelPassword: env.REDIS_SENTINEL_PASSWORD, ...auth }
        : env.REDIS_CLUSTER_NODES.length > 0 ? { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...auth } : { mode: 'standalone', url };
    /** Every key starts with it; on a Cluster it is the hash tag `{REDIS_PREFIX}` (one slot for the whole deployment). */
    const prefix = connection.mode === 'cluster' ? `{${env.REDIS_PREFIX}}` : env.REDIS_PREFIX;
    return { connection, prefix, url };
}
/** The Redis variables alone (for `npm run jobs`, which needs no PBX): the connection and prefix, or every problem. */
export function readRedisEnv(env) {
    const parsed = z.object(REDIS_SHAPE).safeParse(env);
    if (!parsed.success)
        return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    const problems = redisSection.problems?.(parsed.data) ?? [];
    return problems.length > 0 ? { problems } : buildRedis(parsed.data);
}
