import { describe, expect, it, onTestFinished } from 'vitest';
import { runJobsCli } from '../../../src/jobs-main.js';
import { startWebhookReceiver } from '../../../harness/crm/webhook-receiver.js';
import { waitFor } from '../../../harness/poll.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, TEST_API_TOKEN } from '../../support/test-daemon.js';
import { sha256, startTestDeployment, testPbx } from '../../support/test-deployment.js';
const TOKEN_A = 'acme-token-0123456789abcdef';
const TOKEN_B = 'globex-token-0123456789abcdef';
const WEBHOOK_SECRET = 'whsec-globex-0123456789abcdef';
describe('a deployment file with two tenants, two PBXs sending the same recording, two CRMs', { timeout: 60_000 }, () => {
    it('keeps each tenant\'s call, token, journal and PBX to itself', async () => {
        const [portA, portB] = [await freePort(), await freePort()];
        const rx = await startWebhookReceiver({ secret: WEBHOOK_SECRET, users: { '201': 'u-201' } });
        onTestFinished(() => rx.close());
        const routes = [];
        const dep = await startTestDeployment({
            tenants: [
                { id: 'acme', apiTokens: [sha256(TOKEN_A)], crm: { adapter: 'local' }, settings: { KNOWN_EXTENSIONS: '201,202' }, pbxs: [testPbx('office1', portA)] },
                {
                    id: 'globex', apiTokens: [sha256(TOKEN_B)], crm: { adapter: 'webhook', url: rx.url, secret: 'env:GLOBEX_SECRET' },
                    settings: { KNOWN_EXTENSIONS: '201,202' }, pbxs: [testPbx('hq', portB)],
                },
            ],
        }, { onHttpRoute: (r) => { routes.push(r); } }, { GLOBEX_SECRET: WEBHOOK_SECRET });
        const tenants = dep.daemon.tenants();
        await waitFor(() => [...tenants.values()].every((t) => [...t.pbxs().values()].every((p) => p.reader.isActive)), { what: 'both PBX leases', timeoutMs: 5000 });
        // the same transcript (same Linkedid, same moment) on both PBXs
        const servers = await Promise.all([portA, portB].map((port) => startTestAmiServer({ port, speed: 4, transcripts: [fixtureWithLeadIn('inbound-answered.ami')] })));
        onTestFinished(async () => { await Promise.all(servers.map((s) => s.close())); });
        let a = { items: [] };
        let b = { items: [] };
        await waitFor(async () => {
            a = (await dep.fetch('/v1/calls', { token: TOKEN_A })).body;
            b = (await dep.fetch('/v1/calls', { token: TOKEN_B })).body;
            return a.items.length >= 1 && b.items.length >= 1;
        }, { what: 'one call journaled in each tenant', timeoutMs: 15_000 });
        expect(a.items.map((c) => c.id)).toEqual(['office1~1795413735.0']);
        expect(b.items.map((c) => c.id)).toEqual(['hq~1795413735.0']);
        await waitFor(() => rx.deliveries.some((d) => d.type === 'call.finished'), { what: 'globex\'s webhook to get the finish', timeoutMs: 10_000 });
        expect(rx.deliveries.every((d) => !JSON.stringify(d.data).includes('office1~'))).toBe(true); // acme's call never reaches globex's CRM
        expect(await tenants.get('acme')?.crm.journal.get('hq~1795413735.0')).toBeNull();
        // each token reads only its own: the other tenant's call is not found, its path prefix is forbidden
        expect((await dep.fetch('/v1/calls/hq~1795413735.0', { token: TOKEN_A })).status).toBe(404);
        expect((await dep.fetch('/v1/calls/office1~1795413735.0', { token: TOKEN_A })).status).toBe(200);
        expect((await dep.fetch('/t/globex/v1/calls', { token: TOKEN_A })).status).toBe(403);
        expect((await dep.fetch('/v1/calls', { token: 'not-a-token-of-anyone-000' })).status).toBe(401);
        expect((await dep.fetch('/v1/calls', { token: null })).status).toBe(401);
        expect((await dep.fetch('/v1/calls', { token: TEST_API_TOKEN })).status).toBe(403); // the admin token opens no tenant's data
        // every /v1 route a tenant serves, tried with the other tenant's token under its path: 403, never its data
        const v1 = [...new Set(routes.filter((r) => typeof r.url === 'string' && r.url.startsWith('/v1/'))
                .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => `${String(m)} ${r.url}`)))];
        expect(v1.length).toBeGreaterThan(10);
        for (const route of v1) {
            const [method, url] = route.split(' ');
            if (method === 'HEAD' || url.includes('*'))
                continue;
            const path = url.replace(/:[A-Za-z]+/g, 'x1');
            const across = await dep.fetch(`/t/acme${path}`, { token: TOKEN_B, method, ...(method === 'POST' ? { body: {} } : {}) });
            expect([403, 404], `${route} across tenants`).toContain(across.status);
            const admin = await dep.fetch(path, { token: TEST_API_TOKEN, method, ...(method === 'POST' ? { body: {} } : {}) });
            expect([403, 404], `${route} with the admin token`).toContain(admin.status);
        }
        // click-to-call: a PBX of the token's tenant places it; another tenant's PBX is not found
        const other = await dep.fetch('/v1/originate', { token: TOKEN_A, method: 'POST', body: { from: '201', to: '+74951234567', pbx: 'hq' } });
        expect(other.status).toBe(404);
        const own = await dep.fetch('/v1/originate', { token: TOKEN_A, method: 'POST', body: { from: '201', to: '+74951234567', pbx: 'office1' } });
        expect(own.status).toBe(202);
        await waitFor(() => servers[0]?.actions.some((x) => x.name.toLowerCase() === 'originate') ?? false, { what: 'the Originate on office1', timeoutMs: 5000 });
        expect(servers[1]?.actions.some((x) => x.name.toLowerCase() === 'originate')).toBe(false);
        // /ready lists each PBX with its tenant and the instance holding its lease; metrics carry the tenant
        const ready = (await dep.fetch('/ready')).body;
        expect(ready.pbx.map((p) => [p.tenant, p.id, p.leaseHolder])).toEqual([
            ['acme', 'office1', dep.daemon.instanceId], ['globex', 'hq', dep.daemon.instanceId],
        ]);
        expect(ready.tenants.map((t) => t.id)).toEqual(['acme', 'globex']);
        const metrics = (await dep.fetch('/metrics')).body;
        expect(metrics).toMatch(/pcb_call_events_total\{stage="ended",tenant="acme"\} 1/);
        expect(metrics).toMatch(/pcb_call_events_total\{stage="ended",tenant="globex"\} 1/);
        expect(metrics.match(/^# TYPE pcb_call_events_total /gm)).toHaveLength(1);
        expect(metrics).toContain('process_cpu_seconds_total');
        // npm run jobs -- --tenant acme: that tenant's queue only
        let text = '';
        const out = { write: (t) => { text += t; } };
        expect(await runJobsCli(['--tenant', 'acme', 'list', '--state', 'completed'], { REDIS_URL: dep.env['REDIS_URL'], REDIS_PREFIX: dep.env['REDIS_PREFIX'] }, out)).toBe(0);
        expect(text).toContain('office1~1795413735.0-');
        expect(text).not.toContain('hq~');
        expect(await runJobsCli(['--tenant', '../x', 'list'], {}, { write: () => undefined })).toBe(2);
    });
});
