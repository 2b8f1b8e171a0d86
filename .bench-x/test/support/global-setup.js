import { INSTALL_REDIS_HINT, hasRedisServerBinary, redisUrlAnswers, startPrivateRedis } from '../../harness/redis/private-redis.js';
/**
 * The Redis every test uses (TEST_REDIS_URL), each under a unique key prefix it deletes afterwards:
 * REDIS_URL when it is set and answers (a shared Redis is safe: no test touches keys outside its prefix), otherwise a
 * private redis-server on a free port for the whole run. Tests that stop or restart Redis on purpose start their own
 * redis-server and are skipped, saying so, when there is no redis-server binary (see skipWithoutRedisServer).
 */
export default async function setup() {
    const url = process.env['REDIS_URL'];
    if (url && (await redisUrlAnswers(url))) {
        process.env['TEST_REDIS_URL'] = url;
        process.stdout.write('tests: using the Redis at REDIS_URL (keys under unique t… prefixes, removed after each test)\n');
        return undefined;
    }
    if (!hasRedisServerBinary())
        throw new Error(url ? `No Redis answers at REDIS_URL (${redactedUrl(url)}). ${INSTALL_REDIS_HINT}` : INSTALL_REDIS_HINT);
    if (url)
        process.stdout.write(`tests: no Redis answers at REDIS_URL (${redactedUrl(url)}); starting a private redis-server\n`);
    const redis = await startPrivateRedis();
    process.env['TEST_REDIS_URL'] = redis.url;
    return () => redis.stop();
}
/** The URL without its credentials, for messages. */
function redactedUrl(url) {
    try {
        const u = new URL(url);
        if (u.password)
            u.password = '***';
        return u.toString();
    }
    catch {
        return '(unparseable URL)';
    }
}
