import { spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { runJobsCli } from '../../../src/jobs-main.js';
import { JobAdmin } from '../../../src/queue/job-admin.js';
import { CALL_EVENTS_QUEUE, bullPrefix } from '../../../src/queue/job-id.js';
import { fixtureWithLeadIn, startDaemonThenPbx, TEST_API_TOKEN } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
import { testRedis, testRedisUrl } from '../../support/test-redis.js';
import { startWebhookReceiver } from '../../../harness/crm/webhook-receiver.js';
const SECRET = 'whsec-dashboard-0123456789abcdef';
const CALL_ID = '1795413735.0'; // inbound-answered.ami's linkedid
function jobAdmin(prefix) {
    const queue = new Queue(CALL_EVENTS_QUEUE, { connection: testRedis(), prefix: bullPrefix(prefix) });
    onTestFinished(() => queue.close());
    return new JobAdmin(queue);
}
function cliOut() {
    let buf = '';
    return { write: (t) => { buf += t; return true; }, text: () => buf };
}
/** A daemon whose CRM (a webhook receiver) is down: one attempt per job, so every stage that needs the CRM fails. */
async function daemonWithDeadCrm() {
    const crmPort = await freePort();
    const { daemon } = await startDaemonThenPbx({ transcripts: [fixtureWithLeadIn('inbound-answered.ami')], speed: 4 }, {
        env: { CRM_ADAPTER: 'webhook', WEBHOOK_URL: `http://127.0.0.1:${crmPort}/pbx-events`, WEBHOOK_SECRET: SECRET, JOB_ATTEMPTS: '1' },
    });
    const admin = jobAdmin(daemon.config.redis.prefix);
    const stages = [];
    await waitFor(async () => {
        const jobs = await admin.list('all');
        stages.splice(0, stages.length, ...jobs.map((j) => j.stage));
        return jobs.some((j) => j.stage === 'ended') && jobs.every((j) => j.state === 'failed' || j.state === 'completed');
    }, { what: 'every stage of the call tried once', timeoutMs: 10_000 });
    const failed = (await admin.list('failed')).map((j) => j.id).sort();
    expect(failed.length).toBeGreaterThan(0);
    expect((await admin.show(failed[0] ?? ''))?.failedReason).toContain(`connection refused to 127.0.0.1:${crmPort}`);
    return { daemon, crmPort, failed, admin };
}
async function login(daemon) {
    const res = await daemon.http.inject({
        method: 'POST', url: '/admin/login', payload: `token=${encodeURIComponent(TEST_API_TOKEN)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/admin/queues/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^pcb_admin=[^;]+; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TEST_API_TOKEN);
    return cookie.split(';')[0] ?? '';
}
describe('failed jobs in the queue dashboard and the jobs CLI', () => {
    it('shows a job that failed against a dead CRM, and retries it (dashboard, then CLI) once the CRM is back', async () => {
        const { daemon, crmPort, failed, admin } = await daemonWithDeadCrm();
        const api = (url, headers, method = 'GET') => daemon.http.inject({ method, url, headers });
        const boardUrl = `/admin/queues/api/queues?activeQueue=${CALL_EVENTS_QUEUE}&status=failed&page=1`;
        // refused without credentials: the API with an error body, the page with the login form; refusals are counted
        const bare = await api(boardUrl, {});
        expect(bare.statusCode).toBe(401);
        expect(bare.json()).toMatchObject({ error: { code: 'unauthorized' } });
        expect((await api(boardUrl, { cookie: 'pcb_admin=9999999999999.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(401);
        const page = await api('/admin/queues/', { accept: 'text/html' });
        expect(page.statusCode).toBe(401);
        expect(page.body).toContain('<form method="post" action="/admin/login">');
        const wrong = await daemon.http.inject({ method: 'POST', url: '/admin/login', payload: 'token=guess', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(wrong.statusCode).toBe(401);
        expect(wrong.headers['set-cookie']).toBeUndefined();
        expect((await daemon.get('/metrics', null)).text).toMatch(/^pcb_http_auth_failures_total\{route="\/admin\/queues\/api\/queues",reason="no_admin_session"\} 2$/m);
        // the session cookie (browser) and the bearer token (script) both see the failed jobs
        const cookie = await login(daemon);
        expect((await api('/admin/queues/', { cookie, accept: 'text/html' })).statusCode).toBe(200);
        const credentials = [{ cookie }, { authorization: `Bearer ${TEST_API_TOKEN}` }];
        for (const headers of credentials) {
            const board = (await api(boardUrl, headers)).json();
            const queue = board.queues.find((q) => q.name === CALL_EVENTS_QUEUE);
            expect(queue?.counts['failed']).toBe(failed.length);
            expect(queue?.jobs.map((j) => j.id).sort()).toEqual(failed);
        }
        const rx = await startWebhookReceiver({ secret: SECRET, port: crmPort, users: { '201': 'u-201' } }); // the CRM is back
        onTestFinished(() => rx.close());
        const [first, second, ...rest] = failed;
        const completed = (id) => waitFor(async () => (await admin.show(id))?.state === 'completed', { what: `job ${id} to complete`, timeoutMs: 8000 });
        if (!first || !second)
            throw new Error(`expected at least two failed stages, got ${failed.join(', ')}`);
        expect((await api(`/admin/queues/api/queues/${CALL_EVENTS_QUEUE}/${first}/retry`, { cookie }, 'PUT')).statusCode).toBe(204);
        await completed(first);
        // the real CLI, as `npm run jobs -- retry <id>` runs it, configured by the environment
        const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/jobs-main.ts', 'retry', second], {
            env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: daemon.config.redis.prefix }, encoding: 'utf8', timeout: 30_000,
        });
        expect(cli.stdout).toBe(`job ${second} retried\n`);
        expect(cli.status).toBe(0);
        await completed(second);
        const env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: daemon.config.redis.prefix };
        const out = cliOut();
        expect(await runJobsCli(['retry', '--all-failed'], env, out)).toBe(0);
        expect(out.text()).toBe(`${rest.length} failed job(s) retried\n`);
        for (const id of rest)
            await completed(id);
        const listed = cliOut();
        expect(await runJobsCli(['list', '--state', 'failed'], env, listed)).toBe(0);
        expect(listed.text()).toBe('0 failed job(s)\n');
        expect(rx.deliveries.some((d) => d.type === 'call.finished' && d.data['callId'] === CALL_ID)).toBe(true);
    }, 60_000);
    it('the CLI shows and drops one job, and says so for an unknown one', async () => {
        const { daemon, failed } = await daemonWithDeadCrm();
        const env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: daemon.config.redis.prefix };
        const id = failed[0] ?? '';
        const shown = cliOut();
        expect(await runJobsCli(['show', id], env, shown)).toBe(0);
        expect(JSON.parse(shown.text())).toMatchObject({ id, callId: CALL_ID, state: 'failed', attemptsMade: 1 });
        expect(shown.text()).not.toContain(SECRET);
        const list = cliOut();
        expect(await runJobsCli(['list'], env, list)).toBe(0);
        expect(list.text()).toContain(`${id}\t`);
        expect(list.text().trim().split('\n').at(-1)).toBe(`${failed.length} failed job(s)`);
        expect(await runJobsCli(['drop', id], env, cliOut())).toBe(0);
        const gone = cliOut();
        expect(await runJobsCli(['show', id], env, gone)).toBe(1);
        expect(gone.text()).toBe(`no job ${id}\n`);
        expect(await runJobsCli(['retry', 'no-such-job'], env, cliOut())).toBe(1);
        expect(await runJobsCli(['frobnicate'], env, cliOut())).toBe(2);
    }, 60_000);
});
