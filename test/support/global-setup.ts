import { startPrivateRedis } from '../../src/demo/private-redis.js';

/** One private redis-server for the whole run; tests read TEST_REDIS_URL and use a unique key prefix each. */
export default async function setup(): Promise<() => Promise<void>> {
  const redis = await startPrivateRedis();
  process.env['TEST_REDIS_URL'] = redis.url;
  return () => redis.stop();
}
