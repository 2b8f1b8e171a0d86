import { readFileSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { LocalCrmAdapter } from '../../src/crm/local/local-crm-adapter.js';
import { startDaemon } from '../../src/daemon/start-daemon.js';
import { freePort } from '../../harness/redis/private-redis.js';
import { amiFixture, memoryLogger, startTestAmiServer, TEST_AMI_SECRET, TEST_AMI_USER } from './ami-replay.js';
import { testRedisUrl, uniquePrefix } from './test-redis.js';
import { waitFor } from '../../harness/poll.js';
export const TEST_API_TOKEN = 'test-api-token-0123456789abcdef';
/** The environment a test daemon runs with: the replay server's credentials, the test Redis, short AMI timings. */
export function testDaemonEnv(amiPort, env = {}) {
    return {
        AMI_HOST: '127.0.0.1', AMI_PORT: String(amiPort), AMI_USERNAME: TEST_AMI_USER, AMI_SECRET: TEST_AMI_SECRET,
        AMI_ACTION_TIMEOUT_MS: '1000', AMI_PING_INTERVAL_MS: '10000', AMI_RECONNECT_MIN_MS: '50', AMI_RECONNECT_MAX_MS: '400',
        // a Sentinel or Cluster test gives REDIS_SENTINELS / REDIS_CLUSTER_NODES instead (the modes exclude each other)
        ...(env['REDIS_SENTINELS'] || env['REDIS_CLUSTER_NODES'] ? {} : { REDIS_URL: env['REDIS_URL'] ?? testRedisUrl() }), REDIS_PREFIX: env['REDIS_PREFIX'] ?? uniquePrefix(),
        API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: 'debug', DEFAULT_COUNTRY: 'RU', TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$',
        CRM_ADAPTER: 'local', HTTP_PORT: '1', ...env,
    };
}
/**
 * Starts a whole daemon (local CRM, unique Redis prefix, no HTTP port) against an AMI server; it is stopped when the
 * test finishes (stopping it earlier in the test is fine: stop() is idempotent).
 */
export async function startTestDaemon(overrides) {
    const config = loadConfig(testDaemonEnv(overrides.amiPort, overrides.env));
    const memory = overrides.log ? null : memoryLogger(config.logLevel);
    const log = overrides.log ?? memory?.log ?? memoryLogger().log;
    const daemon = await startDaemon(config, log, { listen: false, leaseTtlMs: 1500, ...overrides.options });
    onTestFinished(() => daemon.stop());
    const get = async (path, token = TEST_API_TOKEN) => {
        const res = await daemon.http.inject({ method: 'GET', url: path, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
        const json = (res.headers['content-type'] ?? '').toString().includes('application/json');
        return { status: res.statusCode, body: json ? res.json() : res.body, text: res.body };
    };
    const localCrm = () => {
        if (!(daemon.crm.crm instanceof LocalCrmAdapter))
            throw new Error('the test daemon does not run the local CRM adapter');
        return daemon.crm.crm;
    };
    return { ...daemon, config, logLines: () => memory?.lines() ?? [], get, localCrm };
}
/**
 * A daemon first, then the PBX: waits until the daemon holds the lease and reads AMI, then starts the replay server
 * on the port the daemon dials. (A PBX that streams the instant the daemon logs in could beat the reader to it.)
 */
export async function startDaemonThenPbx(pbx, overrides = {}) {
    const port = await freePort();
    const daemon = await startTestDaemon({ ...overrides, amiPort: port });
    await waitFor(() => daemon.reader.isActive, { what: 'the daemon to take the AMI lease', timeoutMs: 5000 });
    const server = await startTestAmiServer({ ...pbx, port });
    return { daemon, pbx: server };
}
/** Every call in the journal (newest first). */
export async function journaledCalls(daemon) {
    return (await daemon.crm.journal.list({ limit: 500 })).items;
}
/** Polls the journal until it holds `count` calls (or fails after timeoutMs); returns them newest first. */
export async function waitForJournal(daemon, count, timeoutMs = 8000) {
    let calls = [];
    await waitFor(async () => (calls = await journaledCalls(daemon)).length >= count, { what: () => `${count} calls journaled (${calls.length} are)`, timeoutMs });
    return calls;
}
/**
 * A shared fixture preceded by a quiet UserEvent `leadInSec` (transcript time) before its first event. At replay speed
 * s the call's first frame then comes leadInSec / s after login, once the daemon's resync after login is done: a call
 * whose channels are born during that round trip is adopted from CoreShowChannels with the daemon's clock as its start
 * (see the report on src/ingest/call-ingest.ts), which would make exact times in these tests depend on timing.
 */
export function fixtureWithLeadIn(name, leadInSec = 1) {
    const text = readFileSync(amiFixture(name), 'utf8');
    const body = text.startsWith('# ') ? text.slice(text.indexOf('\n') + 1) : text;
    const first = /Timestamp: (\d+(?:\.\d+)?)/.exec(body);
    if (!first?.[1])
        throw new Error(`${name} has no Timestamp to lead in from`);
    const at = (Number(first[1]) - leadInSec).toFixed(6);
    return { frames: [`Event: UserEvent\r\nPrivilege: user,all\r\nTimestamp: ${at}\r\nUserEvent: test-lead-in`, body] };
}
