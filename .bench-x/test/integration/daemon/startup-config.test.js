import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawnDaemon } from '../../../harness/chaos/chaos-daemon.js';
import { loadConfig, ConfigError } from '../../../src/config/load-config.js';
import { checkRedisDatabase } from '../../../src/daemon/redis-database-check.js';
import { startDaemon } from '../../../src/daemon/start-daemon.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { memoryLogger } from '../../support/ami-replay.js';
import { testDaemonEnv } from '../../support/test-daemon.js';
import { testRedisUrl } from '../../support/test-redis.js';
import { waitFor } from '../../../harness/poll.js';
/** A daemon process (src/main.ts) killed when the test finishes. */
function spawned(env, httpPort) {
    const child = spawnDaemon({ env, httpPort });
    onTestFinished(async () => { child.signal('SIGKILL'); await child.exited; });
    return child;
}
async function startWithRedis(url) {
    const config = loadConfig(testDaemonEnv(await freePort(), { REDIS_URL: url }));
    const { log, lines } = memoryLogger('debug');
    const started = startDaemon(config, log, { listen: false });
    void started.then((d) => onTestFinished(() => d.stop()), () => undefined);
    return { started, lines };
}
describe('start-up with a REDIS_URL database the Redis does not have', () => {
    it.each(['99', '16'])('database %s (the test Redis has 16): startDaemon fails with a ConfigError naming REDIS_URL, once', async (db) => {
        const { started } = await startWithRedis(`${testRedisUrl()}/${db}`);
        const err = await started.catch((e) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.problems).toEqual([expect.stringMatching(new RegExp(`^REDIS_URL: this Redis refuses database ${db} \\(ERR DB index is out of range\\)`))]);
    });
    it('an existing database starts; a Redis that does not answer is no config error (the daemon starts and reconnects)', async () => {
        const ok = await startWithRedis(`${testRedisUrl()}/15`);
        await expect(ok.started).resolves.toBeDefined();
        const { log, lines } = memoryLogger('debug');
        await expect(checkRedisDatabase(`redis://127.0.0.1:${await freePort()}/99`, log)).resolves.toBeUndefined();
        expect(lines().some((l) => l.includes('database number is checked when it does'))).toBe(true);
    });
    it('the daemon process exits with code 2 and a line naming REDIS_URL', async () => {
        const env = testDaemonEnv(await freePort(), { REDIS_URL: `${testRedisUrl()}/99`, LOG_LEVEL: 'warn' });
        const child = spawned(env, await freePort());
        const exit = await child.exited;
        expect(exit.code).toBe(2);
        expect(child.lines.filter((l) => l.includes('REDIS_URL'))).toEqual([expect.stringContaining('refuses database 99')]);
    });
});
describe('.env.example', () => {
    it('copied verbatim with the three required values filled, starts the daemon (health answers) and stops on SIGTERM', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pcb-env-'));
        onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
        const filled = readFileSync('.env.example', 'utf8')
            .replace(/^AMI_USERNAME=$/m, 'AMI_USERNAME=crm').replace(/^AMI_SECRET=$/m, 'AMI_SECRET=crm-secret-1')
            .replace(/^API_TOKEN=$/m, 'API_TOKEN=a-long-enough-token-0123');
        writeFileSync(join(dir, '.env'), filled);
        // the file as it is; only the ports and the Redis of this test come from the environment (dotenv keeps those)
        const port = await freePort();
        const child = spawned({ DOTENV_CONFIG_PATH: join(dir, '.env'), REDIS_URL: testRedisUrl(), AMI_PORT: String(await freePort()) }, port);
        await waitFor(async () => (await child.get('/health'))?.status === 200 || !child.alive, { what: 'the daemon to answer /health', timeoutMs: 20_000 });
        expect(child.alive).toBe(true);
        expect((await child.get('/v1/calls'))?.status).toBe(401);
        child.signal('SIGTERM');
        expect((await child.exited).code).toBe(0);
    });
});
