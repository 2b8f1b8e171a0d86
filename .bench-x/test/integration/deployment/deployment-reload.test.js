import { describe, expect, it, onTestFinished } from 'vitest';
import { loadDeployment } from '../../../src/config/load-deployment.js';
import { watchDeploymentFile } from '../../../src/daemon/deployment-watch.js';
import { waitFor } from '../../../harness/poll.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { fixtureWithLeadIn } from '../../support/test-daemon.js';
import { sha256, startTestDeployment, testPbx } from '../../support/test-deployment.js';
const TOKEN_A = 'acme-token-0123456789abcdef';
const TOKEN_B = 'globex-token-0123456789abcdef';
const TOKEN_C = 'initech-token-0123456789abcdef';
describe('a deployment file changed while calls are in progress', { timeout: 60_000 }, () => {
    it('adds, restarts and removes tenants and PBXs without touching the others, and refuses a broken file whole', async () => {
        const [portA, portB, portC] = [await freePort(), await freePort(), await freePort()];
        const acme = { id: 'acme', apiTokens: [sha256(TOKEN_A)], crm: { adapter: 'local' }, pbxs: [testPbx('office1', portA)] };
        const globex = (ping) => ({ id: 'globex', apiTokens: [sha256(TOKEN_B)], crm: { adapter: 'local' }, pbxs: [testPbx('hq', portB, { settings: { AMI_PING_INTERVAL_MS: ping } })] });
        const initech = { id: 'initech', apiTokens: [sha256(TOKEN_C)], crm: { adapter: 'local' }, pbxs: [testPbx('main', portC)] };
        const dep = await startTestDeployment({ tenants: [acme, globex(10_000)] });
        const tenants = dep.daemon.tenants();
        const reader = (t, p) => tenants.get(t)?.pbxs().get(p)?.reader;
        await waitFor(() => (reader('acme', 'office1')?.isActive ?? false) && (reader('globex', 'hq')?.isActive ?? false), { what: 'both leases', timeoutMs: 5000 });
        // real time: acme's call rings 2 s and talks 3 s, across every reload below
        const pbxA = await startTestAmiServer({ port: portA, speed: 1, transcripts: [fixtureWithLeadIn('inbound-answered.ami')] });
        const pbxB = await startTestAmiServer({ port: portB, speed: 1, transcripts: [fixtureWithLeadIn('inbound-answered.ami')] });
        onTestFinished(async () => { await pbxA.close(); await pbxB.close(); });
        await waitFor(() => (reader('acme', 'office1')?.openCalls ?? 0) === 1 && (reader('globex', 'hq')?.openCalls ?? 0) === 1, { what: 'both calls open', timeoutMs: 5000 });
        const acmeRuntime = tenants.get('acme');
        const acmeReader = reader('acme', 'office1');
        const globexRuntime = tenants.get('globex');
        // globex's PBX changes, initech joins: acme is not touched, globex keeps its tenant and restarts only that PBX
        const outcome = await dep.reload({ tenants: [acme, globex(15_000), initech] });
        expect(outcome).toMatchObject({ added: ['initech'], removed: [], restarted: [], pbxsRestarted: ['globex/hq'], unchanged: ['acme'] });
        expect(tenants.get('acme')).toBe(acmeRuntime);
        expect(reader('acme', 'office1')).toBe(acmeReader);
        expect(tenants.get('globex')).toBe(globexRuntime);
        expect((await dep.fetch('/v1/calls', { token: TOKEN_C })).status).toBe(200); // the new tenant's token works at once
        // a broken file (a bad setting, a second error elsewhere) is refused whole: nothing stops, nothing starts
        const refused = [];
        const unwatch = watchDeploymentFile(dep.file, () => loadDeployment(dep.env), (next) => dep.daemon.reload(next), {
            ...console, error: (o) => { refused.push(...(o.problems ?? [])); }, info: () => undefined, warn: () => undefined,
        }, 100);
        onTestFinished(unwatch);
        dep.write({ tenants: [acme, { ...initech, settings: { CRM_CREATE: 'everything' } }, { ...globex(15_000), pbxs: [testPbx('hq', portB, { port: 'x' })] }] });
        await waitFor(() => refused.length >= 2, { what: 'the broken file refused with each problem', timeoutMs: 5000 });
        expect(refused.join('\n')).toMatch(/tenants\[1\]\.settings\.CRM_CREATE/);
        expect(refused.join('\n')).toMatch(/tenants\[2\]\.pbxs\[0\]\.port/);
        expect([...tenants.keys()]).toEqual(['acme', 'globex', 'initech']);
        // SIGHUP applies the file as it is now: globex removed (its PBX lets its lease go), acme still untouched
        dep.write({ tenants: [acme, initech] });
        await new Promise((r) => setTimeout(r, 150)); // (the poll may apply it first; either way it is applied once)
        process.emit('SIGHUP', 'SIGHUP');
        await waitFor(() => !tenants.has('globex'), { what: 'globex removed', timeoutMs: 5000 });
        expect(reader('acme', 'office1')).toBe(acmeReader);
        expect((await dep.fetch('/v1/calls', { token: TOKEN_B })).status).toBe(401);
        // acme's call in progress all along: journaled once, whole
        let a = { items: [] };
        await waitFor(async () => (a = (await dep.fetch('/v1/calls', { token: TOKEN_A })).body).items.length >= 1, { what: 'acme\'s call journaled', timeoutMs: 10_000 });
        const [call] = (await tenants.get('acme')?.crm.journal.list({ limit: 10 }))?.items ?? [];
        expect(a.items.map((c) => c.id)).toEqual(['office1~1795413735.0']);
        expect(call).toMatchObject({ disposition: 'answered', agent: '201', talkDurationSec: 3 });
    });
});
