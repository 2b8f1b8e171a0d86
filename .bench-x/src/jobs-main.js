/**
 * `npm run jobs -- <command>` (built: `node dist/jobs-main.js <command>`): look at and retry the call-stage jobs in Redis (the queue `call-events`), reading
 * REDIS_URL (or REDIS_SENTINELS / REDIS_CLUSTER_NODES, see README) and REDIS_PREFIX from the environment or .env, like the daemon.
 *
 *   list [--state failed|waiting|delayed|active|completed|all] [--limit N]   (default: failed, 100)
 *   show <job id>
 *   retry <job id> | --all-failed
 *   drop <job id>
 * With a deployment file, `--tenant <id>` works on that tenant's queue (REDIS_PREFIX.<id>).
 */
import 'dotenv/config';
import { Queue } from 'bullmq';
import { pathToFileURL } from 'node:url';
import { readRedisEnv } from './config/redis-env.js';
import { connectRedis } from './net/redis-client.js';
import { JOB_STATES, JobAdmin } from './queue/job-admin.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from './queue/job-id.js';
const USAGE = `usage: npm run jobs -- [--tenant <id>] list [--state ${JOB_STATES.join('|')}|all] [--limit N] | show <id> | retry <id>|--all-failed | drop <id>`;
function option(args, name) {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
}
function line(job) {
    const reason = job.failedReason ? `  ${job.failedReason.replace(/\s+/g, ' ').slice(0, 160)}` : '';
    return `${job.id}\t${job.stage}\t${job.state}\tattempts=${job.attemptsMade}\t${job.queuedAt}${reason}\n`;
}
async function run(admin, args, out) {
    const [command, target] = args;
    if (command === 'list') {
        const state = option(args, '--state') ?? 'failed';
        if (state !== 'all' && !JOB_STATES.includes(state)) {
            out.write(`unknown state ${state}\n${USAGE}\n`);
            return 2;
        }
        const limit = Number(option(args, '--limit') ?? '100');
        const jobs = await admin.list(state, Number.isInteger(limit) && limit > 0 ? limit : 100);
        for (const job of jobs)
            out.write(line(job));
        out.write(`${jobs.length} ${state} job(s)\n`);
        return 0;
    }
    if (command === 'show' && target) {
        const job = await admin.show(target);
        if (!job) {
            out.write(`no job ${target}\n`);
            return 1;
        }
        out.write(`${JSON.stringify(job, null, 2)}\n`);
        return 0;
    }
    if (command === 'retry' && target === '--all-failed') {
        out.write(`${await admin.retryAllFailed()} failed job(s) retried\n`);
        return 0;
    }
    if (command === 'retry' && target) {
        const outcome = await admin.retry(target);
        out.write(outcome === 'retried' ? `job ${target} retried\n` : outcome === 'not_found' ? `no job ${target}\n` : `job ${target} is not failed\n`);
        return outcome === 'retried' ? 0 : 1;
    }
    if (command === 'drop' && target) {
        const dropped = await admin.drop(target);
        out.write(dropped ? `job ${target} dropped\n` : `no job ${target} (or it is running)\n`);
        return dropped ? 0 : 1;
    }
    out.write(`${USAGE}\n`);
    return 2;
}
/** Runs one command against the queue in `env`'s Redis; returns the exit code (0 ok, 1 not found/not failed, 2 usage). */
export async function runJobsCli(allArgs, env, out) {
    const at = allArgs.indexOf('--tenant');
    const tenant = at >= 0 ? allArgs[at + 1] : undefined;
    if (at >= 0 && !(tenant && /^[a-z0-9][a-z0-9_-]{0,31}$/.test(tenant))) {
        out.write(`--tenant takes a tenant id of the deployment file\n${USAGE}\n`);
        return 2;
    }
    const args = at >= 0 ? [...allArgs.slice(0, at), ...allArgs.slice(at + 2)] : allArgs;
    // a deployment file's tenant keeps its queue under <REDIS_PREFIX>.<tenant> (src/config/load-deployment.ts)
    const target = readRedisEnv(tenant ? { ...env, REDIS_PREFIX: `${env['REDIS_PREFIX'] || 'pcb'}.${tenant}` } : env);
    if ('problems' in target) {
        out.write(`${target.problems.join('\n')}\n`);
        return 2;
    }
    const { prefix } = target;
    const redis = connectRedis(target.connection, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
    redis.on('error', () => { });
    const queue = new Queue(CALL_EVENTS_QUEUE, { connection: redis, prefix: bullPrefix(prefix) });
    try {
        return await run(new JobAdmin(queue), args, out);
    }
    catch (err) {
        out.write(`failed: ${err instanceof Error ? err.message : String(err)} (is the Redis of REDIS_URL / REDIS_SENTINELS / REDIS_CLUSTER_NODES reachable?)\n`);
        return 1;
    }
    finally {
        await queue.close().catch(() => undefined);
        redis.disconnect();
    }
}
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    process.exitCode = await runJobsCli(process.argv.slice(2), process.env, process.stdout);
}
