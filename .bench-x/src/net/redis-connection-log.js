import { errorCodeOf, networkFailureText } from './network-failure.js';
import { redisTargetText } from './redis-client.js';
/**
 * Logs one line per state change of an ioredis connection instead of one error per reconnect attempt: `Redis
 * unreachable` (warn, with the reason in words, e.g. "connection refused to 127.0.0.1:6379") when it goes down, `Redis
 * reachable again` (info, with how long it was down) when it is back. Repeated errors while down go to debug. Also
 * installs the 'error' listener ioredis needs so an unreachable Redis is not an unhandled 'error' event.
 */
/** Why a Redis connection failed, in words ("connection refused to 127.0.0.1:6379"); no stack, no URL. */
export function redisFailureReason(redis, err) {
    const code = errorCodeOf(err);
    const target = redisTargetText(redis);
    return code ? networkFailureText(code, target) : (err?.message ?? 'unknown');
}
export function watchRedisConnection(redis, connection, log, nowMs = Date.now) {
    const state = { down: false, sinceMs: 0, reason: '' };
    redis.on('error', (err) => {
        const reason = redisFailureReason(redis, err);
        if (state.down) {
            log.debug({ connection, reason }, 'Redis still unreachable');
            return;
        }
        state.down = true;
        state.sinceMs = nowMs();
        state.reason = reason;
        log.warn({ connection, reason }, 'Redis unreachable');
    });
    redis.on('ready', () => {
        if (!state.down)
            return;
        state.down = false;
        log.info({ connection, downForMs: nowMs() - state.sinceMs }, 'Redis reachable again');
    });
    return { get down() { return state.down; } };
}
