/**
 * `npm run demo`: the daemon on its embedded default (local CRM store in Redis) fed by a replayed PBX.
 * Needs no PBX and no CRM: an AMI replay server loops the real Asterisk transcripts with their own timing.
 * Uses Redis at REDIS_URL (default redis://127.0.0.1:6379); if none answers, starts a private redis-server.
 * Deletes keys only in a Redis it started, or with DEMO_RESET=1 (see harness/redis/demo-keyspace.ts).
 */
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { startDaemon } from '../src/daemon/start-daemon.js';
import { startAmiReplayServer } from '../harness/ami/ami-replay-server.js';
import { prepareDemoKeyspace } from '../harness/redis/demo-keyspace.js';
import { INSTALL_REDIS_HINT, freePort, hasRedisServerBinary, redisUrlAnswers, startPrivateRedis } from '../harness/redis/private-redis.js';
import { createLogger } from '../src/log.js';
const DEMO_USER = 'demo';
const DEMO_SECRET = 'demo-ami-secret';
const DEMO_TOKEN = 'demo-token-0123456789';
function transcriptDir() {
    return amiFixturesDir();
}
async function redisUrl() {
    const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    if (await redisUrlAnswers(url))
        return { url, own: false, stop: async () => { } };
    if (!hasRedisServerBinary()) {
        process.stderr.write(`${INSTALL_REDIS_HINT}\n`);
        process.exit(1);
    }
    const redis = await startPrivateRedis();
    process.stdout.write(`demo: no Redis at ${url}; started a private redis-server at ${redis.url} (nothing persisted)\n`);
    return { url: redis.url, own: true, stop: () => redis.stop() };
}
function line(call) {
    const who = call['agent'] ?? call['callerExtension'] ?? '-';
    const talk = call['talkDurationSec'] ?? 0;
    return `call ${String(call['direction']).padEnd(8)} ${String(call['externalNumber'] ?? '(internal)').padEnd(14)} ` +
        `line ${String(call['line'] ?? '-').padEnd(11)} agent ${String(who).padEnd(4)} ${String(call['disposition']).padEnd(9)} talk ${talk}s` +
        (call['recordingFile'] ? ` rec ${String(call['recordingFile'])}` : '');
}
async function main() {
    const dir = transcriptDir();
    const transcripts = readdirSync(dir).filter((f) => f.endsWith('.ami')).sort().map((f) => join(dir, f));
    const redis = await redisUrl();
    const keys = await prepareDemoKeyspace({ url: redis.url, ownRedis: redis.own, env: process.env });
    const prefix = keys.prefix;
    process.stdout.write(`demo: Redis: ${keys.note}\n`);
    const speed = Number(process.env['DEMO_SPEED'] ?? 4);
    const pbx = await startAmiReplayServer({ username: DEMO_USER, secret: DEMO_SECRET, transcripts, speed, loop: true });
    const port = Number(process.env['HTTP_PORT'] ?? (await freePort()));
    const config = loadConfig({
        AMI_HOST: '127.0.0.1', AMI_PORT: String(pbx.port), AMI_USERNAME: DEMO_USER, AMI_SECRET: DEMO_SECRET,
        REDIS_URL: redis.url, REDIS_PREFIX: prefix, API_TOKEN: DEMO_TOKEN, HTTP_PORT: String(port),
        LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn', DEFAULT_COUNTRY: 'RU', TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$',
        CRM_ADAPTER: 'local',
    });
    const log = createLogger(config.logLevel, config.secrets);
    const daemon = await startDaemon(config, log);
    const base = `http://127.0.0.1:${port}`;
    process.stdout.write(`demo: replaying ${transcripts.length} real Asterisk transcripts from ${dir} at ${speed}x, looping\n` +
        `demo: daemon on ${base} with the local CRM store; try:\n  curl -H 'Authorization: Bearer ${DEMO_TOKEN}' ${base}/v1/calls?limit=5\n` +
        `demo: Ctrl-C to stop${process.env['DEMO_SECONDS'] ? ` (stops by itself after ${process.env['DEMO_SECONDS']} s)` : ''}\n`);
    const seen = new Set();
    const poll = setInterval(() => { void printNew(base, seen); }, 1000);
    const stop = async () => {
        clearInterval(poll);
        await daemon.stop();
        await pbx.close();
        await keys.cleanUp().catch((err) => process.stderr.write(`demo: could not remove ${prefix}:*: ${err.message}\n`));
        await redis.stop();
        process.stdout.write(`demo: stopped after ${seen.size} calls\n`);
        process.exit(0);
    };
    process.once('SIGINT', () => { void stop(); });
    process.once('SIGTERM', () => { void stop(); });
    const seconds = Number(process.env['DEMO_SECONDS'] ?? 0);
    if (seconds > 0)
        setTimeout(() => { void stop(); }, seconds * 1000);
}
async function printNew(base, seen) {
    try {
        const res = await fetch(`${base}/v1/calls?limit=20`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } });
        const body = (await res.json());
        for (const call of body.items.slice().reverse()) {
            const id = String(call['id']);
            if (seen.has(id))
                continue;
            seen.add(id);
            process.stdout.write(`${line(call)}\n`);
        }
    }
    catch (err) {
        process.stderr.write(`demo: could not read /v1/calls: ${err.message}\n`);
    }
}
void main();
