import { onTestFinished } from 'vitest';
import { bitrix24Crm } from '../../src/crm/bitrix24/bitrix24-crm.js';
import { createBitrix24Adapter } from '../../src/crm/bitrix24/bitrix24-adapter.js';
import { silentLogger } from '../../src/log.js';
import { startBitrix24Emulator } from '../../harness/crm/bitrix24-emulator.js';
import { EMU_USERS } from '../support/bitrix24-harness.js';
import { testRedis, uniquePrefix } from '../support/test-redis.js';
import { describeCrmAdapter } from './conformance.js';
/**
 * What the portal holds: the links in the call activity's description (the attached record must be the first of
 * them, else the list is marked wrong), or just the attached record.
 */
function recordingsHeld(state, callId) {
    const call = state.registered().find((c) => c.params['EXTERNAL_CALL_ID'] === callId);
    const attached = call?.record ? call.record.url ?? call.record.filename : null;
    const activityId = String(call?.finished?.activityId ?? '');
    const description = state.updates.filter((u) => u.method === 'crm.activity.update' && u.id === activityId).at(-1)?.fields['DESCRIPTION'];
    const links = [...String(description ?? '').matchAll(/^\d+\. (\S+)/gm)].map((m) => m[1] ?? '');
    if (links.length === 0)
        return attached === null ? [] : [attached];
    return links[0] === attached ? links : ['(attached record is not the first link)', ...links];
}
/** The Bitrix24 adapter on an inbound webhook of the emulator. LIMIT_RETRIES=0 so a rate limit reaches the caller. */
async function bitrix24Harness() {
    const emu = await startBitrix24Emulator({ users: EMU_USERS });
    onTestFinished(() => emu.close());
    const env = { BITRIX24_WEBHOOK_URL: emu.webhookUrl, BITRIX24_BATCH_WINDOW_MS: '5', BITRIX24_LIMIT_RETRIES: '0' };
    const b24 = bitrix24Crm.settingsFrom(env);
    const adapter = createBitrix24Adapter(b24, { redis: testRedis(), prefix: uniquePrefix(), users: {}, log: silentLogger() });
    const callsOf = (callId) => emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === callId);
    return {
        adapter, secrets: b24.secrets, extensions: ['201', '202'], userIds: { '201': '5', '202': '6' }, unsupported: {},
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
        recordingsHeld: async (callId) => recordingsHeld(emu.state, callId),
        close: () => adapter.close(),
    };
}
describeCrmAdapter('bitrix24', bitrix24Harness);
