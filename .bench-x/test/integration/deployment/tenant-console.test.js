import { describe, expect, it, onTestFinished } from 'vitest';
import { waitFor } from '../../../harness/poll.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { TENANT_COOKIE } from '../../../src/http/tenant-dispatch.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { consoleUser, consoleUsersFile } from '../../support/console-users.js';
import { fixtureWithLeadIn } from '../../support/test-daemon.js';
import { sha256, startTestDeployment, testPbx } from '../../support/test-deployment.js';
const cookieOf = (res) => res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter(Boolean);
describe('the operator console of a deployment file\'s tenants', { timeout: 60_000 }, () => {
    it('opens at /t/<tenant>/console, shows only that tenant\'s calls, and a session never crosses tenants', async () => {
        const [portA, portB] = [await freePort(), await freePort()];
        const users = await consoleUsersFile();
        const tenant = (id, port) => ({
            id, apiTokens: [sha256(`${id}-token-0123456789abcdef`)], crm: { adapter: 'local' },
            settings: { CONSOLE_USERS_FILE: users }, pbxs: [testPbx(id === 'acme' ? 'office1' : 'hq', port)],
        });
        const dep = await startTestDeployment({ tenants: [tenant('acme', portA), tenant('globex', portB)] });
        const tenants = dep.daemon.tenants();
        await waitFor(() => [...tenants.values()].every((t) => [...t.pbxs().values()].every((p) => p.reader.isActive)), { what: 'both leases', timeoutMs: 5000 });
        const pbx = await startTestAmiServer({ port: portA, speed: 4, transcripts: [fixtureWithLeadIn('inbound-answered.ami')] });
        onTestFinished(() => pbx.close());
        await waitFor(async () => ((await tenants.get('acme')?.crm.journal.list({ limit: 5 }))?.items.length ?? 0) === 1, { what: 'acme\'s call journaled', timeoutMs: 10_000 });
        const entry = await fetch(`${dep.url}/t/acme/console`, { redirect: 'manual' });
        expect(entry.status).toBe(302);
        expect(entry.headers.get('location')).toBe('/console');
        const route = cookieOf(entry);
        expect(route).toEqual([`${TENANT_COOKIE}=acme`]);
        const page = await fetch(`${dep.url}/console`, { headers: { cookie: route.join('; ') } });
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<html');
        const origin = dep.url;
        const signIn = await fetch(`${dep.url}/console/api/session`, {
            method: 'POST', headers: { cookie: route.join('; '), origin, 'content-type': 'application/json' },
            body: JSON.stringify({ extension: 'chief', password: consoleUser('chief').password }),
        });
        expect(signIn.status).toBe(200);
        const session = [...route, ...cookieOf(signIn)].join('; ');
        const journal = await fetch(`${dep.url}/console/api/journal`, { headers: { cookie: session } });
        expect(journal.status).toBe(200);
        const body = await journal.json();
        expect(body.items.map((c) => c.id)).toEqual(['office1~1795413735.0']);
        // the same session sent to the other tenant's console: unknown there
        const across = await fetch(`${dep.url}/console/api/journal`, { headers: { cookie: session.replace(`${TENANT_COOKIE}=acme`, `${TENANT_COOKIE}=globex`) } });
        expect(across.status).toBe(401);
        // no routing cookie: the process's listener has no console
        expect((await fetch(`${dep.url}/console/api/journal`, { headers: { cookie: cookieOf(signIn).join('; ') } })).status).toBe(404);
    });
});
