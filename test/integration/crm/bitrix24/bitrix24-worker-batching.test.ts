import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../../../src/config/load-config.js';
import { buildCrmSide } from '../../../../src/daemon/crm-side.js';
import { silentLogger } from '../../../../src/log.js';
import { CallEventQueue } from '../../../../src/queue/call-event-queue.js';
import { startBitrix24Emulator } from '../../../../harness/crm/bitrix24-emulator.js';
import { inboundAnsweredEvents } from '../../../../harness/call-builders.js';
import { waitFor } from '../../../../harness/poll.js';
import { testRedisUrl, uniquePrefix } from '../../../support/test-redis.js';
import { EMU_USERS } from '../../../support/bitrix24-harness.js';

describe('bitrix24 through the sync workers with default settings', () => {
  it('puts the commands of many calls in one batch while they wait for the request budget (not WORKER_CONCURRENCY of them)', async () => {
    const emu = await startBitrix24Emulator({ users: EMU_USERS });
    onTestFinished(() => emu.close());
    const config = loadConfig({
      AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'bitrix24',
      REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), BITRIX24_WEBHOOK_URL: emu.webhookUrl,
    });
    expect(config.queue.concurrency).toBe(8);                              // the default this is about
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const hooks = { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined };
    const side = buildCrmSide(config, redis, silentLogger(), hooks, true);
    const queue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, log: silentLogger() });
    onTestFinished(async () => { await side.workers?.close(); await queue.close(); await side.crm.close(); redis.disconnect(); });
    await side.crm.extensionOfUser('5');                                    // the user directory, loaded once
    emu.consume(50);                                                        // the bucket is full: the next request waits for it
    const ringing = Array.from({ length: 40 }, (_, i) => inboundAnsweredEvents({ phone: `+7495${String(3_000_000 + i)}`, rang: ['201'] })[0])
      .filter((ev) => ev !== undefined);
    const before = emu.stats.log.length;
    await queue.add(ringing);
    await waitFor(() => emu.state.registered().length === 40, { what: '40 calls registered', timeoutMs: 15_000 });
    const batches = emu.stats.log.slice(before).map((r) => r.methods.length);
    expect(Math.max(...batches)).toBeGreaterThanOrEqual(30);               // one worker slot per call could not exceed 8
  });
});
