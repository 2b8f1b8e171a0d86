import { Redis, ReplyError } from 'ioredis';
import { ConfigError } from '../config/load-config.js';
import { redisDatabase } from '../config/redis-url.js';
const CHECK_TIMEOUT_MS = 3000;
/**
 * Asks the Redis of REDIS_URL once, at start-up, whether it has the URL's database: a Redis that answers SELECT with
 * an error ("ERR DB index is out of range", or SELECT refused as on a cluster) is a configuration error (ConfigError,
 * exit 2), not something to retry forever. A Redis that does not answer is not: the daemon starts and reconnects.
 */
export async function checkRedisDatabase(url, log) {
    const db = redisDatabase(url);
    if (db === 0)
        return; // every Redis has database 0
    const probe = new Redis(url, {
        lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: CHECK_TIMEOUT_MS,
        commandTimeout: CHECK_TIMEOUT_MS, enableOfflineQueue: false,
    });
    probe.on('error', () => { });
    try {
        await probe.connect();
    }
    catch (err) {
        log.warn({ err, db }, 'Redis did not answer at start-up; its database number is checked when it does');
        probe.disconnect();
        return;
    }
    try {
        await probe.select(db);
    }
    catch (err) {
        if (err instanceof ReplyError && err instanceof Error) { // ioredis types ReplyError as any
            throw new ConfigError([`REDIS_URL: this Redis refuses database ${db} (${err.message.split('\n')[0] ?? ''}); `
                    + 'use a database below its `databases` setting (default 16), e.g. redis://host:6379/0']);
        }
        log.warn({ err, db }, 'Redis database check did not complete; starting anyway');
    }
    finally {
        probe.disconnect();
    }
}
