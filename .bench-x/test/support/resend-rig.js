import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { CallResender } from '../../src/daemon/call-resend.js';
import { buildCrmSide } from '../../src/daemon/crm-side.js';
import { silentLogger } from '../../src/log.js';
import { CallEventQueue } from '../../src/queue/call-event-queue.js';
import { startBitrix24Emulator } from '../../harness/crm/bitrix24-emulator.js';
import { testRedisUrl, uniquePrefix } from './test-redis.js';
import { EMU_USERS } from './bitrix24-harness.js';
/** The daemon's sync side (queue, workers, CallSync, Bitrix24) with one attempt per job unless told, so a CRM failure fails the stage. */
export async function resendRig(env = {}) {
    const emu = await startBitrix24Emulator({ users: EMU_USERS });
    onTestFinished(() => emu.close());
    const config = loadConfig({
        AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'bitrix24', JOB_ATTEMPTS: '1',
        REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), BITRIX24_WEBHOOK_URL: emu.webhookUrl, BITRIX24_BATCH_WINDOW_MS: '5', ...env,
    });
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const missed = []; // the missed calls noticed (hooks.missedCall), in order
    const hooks = { responsibleChanged: async () => undefined, onResult: () => undefined, onCrmRequest: () => undefined, missedCall: async (r) => { missed.push(r.id); } };
    const side = buildCrmSide(config, redis, silentLogger(), hooks, true);
    const queue = new CallEventQueue(redis, { prefix: config.redis.prefix, attempts: config.queue.attempts, log: silentLogger() });
    onTestFinished(async () => { await side.workers?.close(); await queue.close(); await side.crm.close(); redis.disconnect(); });
    const resender = new CallResender(side.syncStore, queue, silentLogger());
    const finishes = (id) => emu.state.finished().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
    const registrations = (id) => emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === id).length;
    const settled = async () => { const c = await queue.counts(); return c.waiting + c.active + c.delayed === 0; };
    return { emu, config, redis, queue, resender, side, finishes, registrations, settled, missed };
}
