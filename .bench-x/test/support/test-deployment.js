import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { loadDeployment } from '../../src/config/load-deployment.js';
import { startDeployment } from '../../src/daemon/start-deployment.js';
import { freePort } from '../../harness/redis/private-redis.js';
import { TEST_AMI_SECRET, TEST_AMI_USER, memoryLogger } from './ami-replay.js';
import { TEST_API_TOKEN } from './test-daemon.js';
import { testRedisUrl, uniquePrefix } from './test-redis.js';
export const sha256 = (token) => `sha256:${createHash('sha256').update(token).digest('hex')}`;
/** A PBX entry for a replay server on `port` (the test AMI user; its secret from the environment). */
export function testPbx(id, port, more = {}) {
    return {
        id, host: '127.0.0.1', port, username: TEST_AMI_USER, secret: 'env:TEST_AMI_SECRET', trunkContextPatterns: ['^from-trunk$', '^pstn$'],
        country: 'RU', settings: { AMI_ACTION_TIMEOUT_MS: 1000, AMI_RECONNECT_MIN_MS: 50, AMI_RECONNECT_MAX_MS: 400 }, ...more,
    };
}
/** A deployment daemon listening on a free loopback port, with its file in a temporary folder; stopped with the test. */
export async function startTestDeployment(content, options = {}, envExtra = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'pcb-deploy-'));
    const file = join(dir, 'deployment.json');
    const write = (c) => writeFileSync(file, typeof c === 'string' ? c : JSON.stringify(c, null, 2));
    write(content);
    const port = await freePort();
    const env = {
        DEPLOYMENT_FILE: file, REDIS_URL: testRedisUrl(), REDIS_PREFIX: uniquePrefix(), API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: 'debug',
        HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), TEST_AMI_SECRET, ...envExtra,
    };
    const memory = memoryLogger('debug');
    const daemon = await startDeployment(loadDeployment(env), memory.log, { leaseTtlMs: 1500, ...options });
    onTestFinished(() => daemon.stop());
    const url = `http://127.0.0.1:${port}`;
    return {
        daemon, url, file, env, write, logLines: memory.lines,
        reload: (c) => { write(c); return daemon.reload(loadDeployment(env)); },
        fetch: async (path, init = {}) => {
            const headers = { ...init.headers };
            if (init.token !== null && init.token !== undefined)
                headers['authorization'] = `Bearer ${init.token}`;
            if (init.body !== undefined)
                headers['content-type'] = 'application/json';
            const res = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, redirect: 'manual', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
            const text = await res.text();
            let body = text;
            try {
                body = JSON.parse(text);
            }
            catch { /* not JSON */ }
            return { status: res.status, body, headers: res.headers };
        },
    };
}
