import type { Logger } from '../log.js';
import { errorCodeOf, networkFailureText } from './network-failure.js';
import { redisTargetText, type RedisClient } from './redis-client.js';

/** What a connection's log listener tells about it (tests and /ready may read it). */
export interface RedisConnectionWatch {
  readonly down: boolean;
}

/**
 * Logs one line per state change of an ioredis connection instead of one error per reconnect attempt: `Redis
 * unreachable` (warn, with the reason in words, e.g. "connection refused to 127.0.0.1:6379") when it goes down, `Redis
 * reachable again` (info, with how long it was down) when it is back. Repeated errors while down go to debug. Also
 * installs the 'error' listener ioredis needs so an unreachable Redis is not an unhandled 'error' event.
 */
/** Why a Redis connection failed, in words ("connection refused to 127.0.0.1:6379"); no stack, no URL. */
export function redisFailureReason(redis: RedisClient, err: Error | undefined): string {
  const code = errorCodeOf(err);
  const target = redisTargetText(redis);
  return code ? networkFailureText(code, target) : (err?.message ?? 'unknown');
}

export function watchRedisConnection(redis: RedisClient, connection: string, log: Logger, nowMs: () => number = Date.now): RedisConnectionWatch {
  const state = { down: false, sinceMs: 0, reason: '' };
  redis.on('error', (err: Error) => {
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
    if (!state.down) return;
    state.down = false;
    log.info({ connection, downForMs: nowMs() - state.sinceMs }, 'Redis reachable again');
  });
  return { get down() { return state.down; } };
}
