import { Writable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { bitrix24Crm } from '../../src/crm/bitrix24/bitrix24-crm.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createBitrix24Adapter } from '../../src/crm/bitrix24/bitrix24-adapter.js';
import { clientDataWanted } from '../../src/daemon/crm-side.js';
import { createLogger } from '../../src/log.js';
import { startBitrix24Emulator } from '../../harness/crm/bitrix24-emulator.js';
import { testRedis, uniquePrefix } from './test-redis.js';
/** Operators of the shared transcripts: extension → Bitrix24 user id. */
export const EMU_USERS = [
    { ID: '5', UF_PHONE_INNER: '201', NAME: 'Anna', LAST_NAME: 'Operator' },
    { ID: '6', UF_PHONE_INNER: '202', NAME: 'Boris', LAST_NAME: 'Operator' },
    { ID: '7', UF_PHONE_INNER: 'PJSIP/203', NAME: 'Vera', LAST_NAME: 'Operator' },
];
export const OAUTH = { clientId: 'local.emu.app', clientSecret: 'emu-client-secret-9f8e', refreshToken: 'emu-refresh-token-0001' };
/** The main Config (CRM_ADAPTER=bitrix24 with these BITRIX24_* variables) with a unique Redis prefix, by the real loader. */
export function bitrix24TestConfig(prefix, bitrix24Env, users = {}) {
    const base = loadConfig({ AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'test-api-token-0123456789', CRM_ADAPTER: 'bitrix24', REDIS_PREFIX: prefix, ...bitrix24Env });
    return { ...base, users };
}
/** Collects every debug log line, with no value scrubbing, to prove the adapter never writes a secret itself. */
export function memoryLogger() {
    const lines = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    return { log: createLogger('debug', [], sink), lines };
}
/** Emulator + adapter (webhook or OAuth) on the test Redis; both are closed when the test finishes. */
export async function startBitrix24Setup(opts = {}) {
    const emu = await startBitrix24Emulator({ users: EMU_USERS, oauth: OAUTH, ...opts.emulator });
    onTestFinished(() => emu.close());
    const auth = opts.mode === 'oauth'
        ? {
            BITRIX24_PORTAL_URL: emu.portalUrl, BITRIX24_OAUTH_URL: emu.oauthUrl, BITRIX24_CLIENT_ID: OAUTH.clientId,
            BITRIX24_CLIENT_SECRET: OAUTH.clientSecret, BITRIX24_REFRESH_TOKEN: OAUTH.refreshToken,
        }
        : { BITRIX24_WEBHOOK_URL: emu.webhookUrl };
    const env = { ...auth, BITRIX24_BATCH_WINDOW_MS: '20', ...opts.env };
    const b24 = bitrix24Crm.settingsFrom(env);
    const config = bitrix24TestConfig(uniquePrefix(), env, opts.users);
    const redis = testRedis();
    const { log, lines } = memoryLogger();
    const make = () => {
        const adapter = createBitrix24Adapter(b24, { redis, prefix: config.redis.prefix, users: config.users, log, clientData: clientDataWanted(config), recordings: config.recordings });
        onTestFinished(() => adapter.close());
        return adapter;
    };
    return { emu, adapter: make(), b24, config, lines, another: make };
}
