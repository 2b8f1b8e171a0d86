import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildCrmSide } from '../../src/daemon/crm-side.js';
import { silentLogger } from '../../src/log.js';
import { CallEventQueue } from '../../src/queue/call-event-queue.js';
import { testRedisUrl, uniquePrefix } from './test-redis.js';
/**
 * The daemon's CRM side with default settings (Bitrix24 webhook to `emu`, its sync workers running) and a queue to
 * put call stages on, as the crash-safe writer does; closed when the test finishes. The user directory is loaded.
 */
export async function bitrix24Workers(emu) {
    const config = loadConfig({
        AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'bitrix24',
        REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), BITRIX24_WEBHOOK_URL: emu.webhookUrl,
    });
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const hooks = { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined };
    const side = buildCrmSide(config, redis, silentLogger(), hooks, true);
    const queue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, log: silentLogger() });
    onTestFinished(async () => { await side.workers?.close(); await queue.close(); await side.crm.close(); redis.disconnect(); });
    await side.crm.extensionOfUser('5'); // the user directory, loaded once
    return { config, side, queue };
}
