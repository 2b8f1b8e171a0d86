import { onTestFinished } from 'vitest';
import { loadBitrix24Config } from '../../src/config/bitrix24-env.js';
import { createBitrix24Adapter } from '../../src/crm/bitrix24/bitrix24-adapter.js';
import { silentLogger } from '../../src/log.js';
import { startBitrix24Emulator } from '../support/bitrix24-emulator.js';
import { bitrix24TestConfig, EMU_USERS } from '../support/bitrix24-harness.js';
import { testRedis, uniquePrefix } from '../support/test-redis.js';
import { describeCrmAdapter, type CrmAdapterHarness } from './conformance.js';

/** The Bitrix24 adapter on an inbound webhook of the emulator. LIMIT_RETRIES=0 so a rate limit reaches the caller. */
async function bitrix24Harness(): Promise<CrmAdapterHarness> {
  const emu = await startBitrix24Emulator({ users: EMU_USERS });
  onTestFinished(() => emu.close());
  const env = { BITRIX24_WEBHOOK_URL: emu.webhookUrl, BITRIX24_BATCH_WINDOW_MS: '5', BITRIX24_LIMIT_RETRIES: '0' };
  const b24 = loadBitrix24Config(env);
  const adapter = createBitrix24Adapter(bitrix24TestConfig(uniquePrefix(), env), b24, { redis: testRedis(), log: silentLogger() });
  const callsOf = (callId: string) => emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === callId);
  return {
    adapter, secrets: b24.secrets, extensions: ['201', '202'], unsupported: {},
    breakCredentials: async () => { emu.breakAuth(true); },
    failNext: async (kind) => {
      emu.failNext('*', kind === '5xx'
        ? { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' }
        : { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' });
    },
    recover: async () => { emu.breakAuth(false); },
    countCalls: async (callId) => callsOf(callId).length,
    countTasks: async (callId) => emu.state.activities.filter((a) => JSON.stringify(a.params).includes(callId)).length,
    countFinishes: async (callId) => callsOf(callId).filter((c) => c.finished !== null).length,
    close: () => adapter.close(),
  };
}

describeCrmAdapter('bitrix24', bitrix24Harness);
