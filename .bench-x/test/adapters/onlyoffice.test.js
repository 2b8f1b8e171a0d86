import { onTestFinished } from 'vitest';
import { onlyofficeCrm } from '../../src/crm/onlyoffice/onlyoffice-crm.js';
import { journalCallId } from '../../src/crm/onlyoffice/call-mapping.js';
import { createOnlyofficeAdapter } from '../../src/crm/onlyoffice/onlyoffice-adapter.js';
import { silentLogger } from '../../src/log.js';
import { startOnlyofficeEmulator } from '../../harness/crm/onlyoffice-emulator.js';
import { OO_USERS, OO_USERS_ENV } from '../support/onlyoffice-harness.js';
import { testRedis, uniquePrefix } from '../support/test-redis.js';
import { describeCrmAdapter } from './conformance.js';
/**
 * The ONLYOFFICE adapter against the emulator with a token. ONLYOFFICE_JOURNAL_UNKNOWN is on because the suite's calls
 * have no contact: the call journal (upsert by call id) is then where ONLYOFFICE holds the call.
 */
async function onlyofficeHarness() {
    const emu = await startOnlyofficeEmulator({ token: 'oo-conformance-token-4411' });
    onTestFinished(() => emu.close());
    const oo = onlyofficeCrm.settingsFrom({
        ONLYOFFICE_URL: emu.url, ONLYOFFICE_TOKEN: 'oo-conformance-token-4411', ONLYOFFICE_TIMEOUT_MS: '2000',
        ONLYOFFICE_USERS: OO_USERS_ENV, ONLYOFFICE_JOURNAL_UNKNOWN: 'true',
    });
    const adapter = createOnlyofficeAdapter(oo, { redis: testRedis(), prefix: uniquePrefix(), log: silentLogger() });
    const posts = (callId, statuses) => emu.state.voipPosts.filter((p) => p.id === journalCallId(callId) && statuses.includes(Number(p.body['status']))).length;
    return {
        adapter, secrets: oo.secrets, extensions: ['201', '202'], userIds: OO_USERS,
        unsupported: {},
        breakCredentials: async () => { emu.breakAuth(true); },
        failNext: async (kind) => { emu.failNext(kind === '5xx' ? { status: 500 } : { status: 429, headers: { 'Retry-After': '2' } }); },
        recover: async () => { emu.breakAuth(false); },
        countCalls: async (callId) => posts(callId, [0, 1]),
        countTasks: async (callId) => emu.state.tasks.filter((t) => String(t['description']).includes(callId)).length,
        countFinishes: async (callId) => posts(callId, [2, 3]),
        close: () => adapter.close(),
    };
}
describeCrmAdapter('onlyoffice', onlyofficeHarness);
