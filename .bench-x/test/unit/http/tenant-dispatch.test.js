import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { TENANT_COOKIE, tenantDispatcher } from '../../../src/http/tenant-dispatch.js';
const hex = (t) => createHash('sha256').update(t).digest('hex');
/** A listener whose tenants echo what they were given; the process's own app answers `front`. */
async function listener() {
    const app = (id) => ({
        routing: (req, res) => { res.end(JSON.stringify({ tenant: id, url: req.url })); },
    });
    const apps = new Map([['acme', app('acme')], ['globex', app('globex')]]);
    const tokens = new Map([[hex('token-a'), 'acme'], [hex('token-b'), 'globex']]);
    const dispatch = tenantDispatcher({ byTokenHash: (h) => tokens.get(h) ?? null, app: (id) => apps.get(id) ?? null });
    const server = createServer((req, res) => { if (!dispatch(req, res))
        res.end(JSON.stringify({ tenant: null, url: req.url })); });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    onTestFinished(() => new Promise((r) => server.close(() => r())));
    const base = `http://127.0.0.1:${server.address().port}`;
    return async (path, headers = {}) => {
        const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
        const text = await res.text();
        return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    };
}
describe('tenantDispatcher', () => {
    it('sends a tenant\'s token to its app with the URL untouched, anything else to the process', async () => {
        const get = await listener();
        expect((await get('/v1/calls?limit=5', { authorization: 'Bearer token-a' })).body).toEqual({ tenant: 'acme', url: '/v1/calls?limit=5' });
        expect((await get('/v1/calls', { authorization: 'bearer   token-b' })).body).toEqual({ tenant: 'globex', url: '/v1/calls' });
        expect((await get('/v1/calls', { authorization: 'Bearer token-c' })).body?.tenant).toBeNull();
        expect((await get('/v1/calls', { authorization: 'Basic dG9rZW4tYQ==' })).body?.tenant).toBeNull();
        expect((await get('/health')).body?.tenant).toBeNull();
    });
    it('cuts /t/<tenant>/, refuses another tenant\'s token there, and leaves odd spellings to the process', async () => {
        const get = await listener();
        expect((await get('/t/acme/bitrix24/events?x=1')).body).toEqual({ tenant: 'acme', url: '/bitrix24/events?x=1' });
        expect((await get('/t/acme')).body).toEqual({ tenant: 'acme', url: '/' });
        expect((await get('/t/acme/v1/calls', { authorization: 'Bearer token-a' })).body?.tenant).toBe('acme');
        const across = await get('/t/acme/v1/calls', { authorization: 'Bearer token-b' });
        expect(across.status).toBe(403);
        for (const odd of ['/t/nosuch/v1/calls', '/t/%61cme/v1/calls', '/T/acme/v1/calls', '/t/acme%2Fv1/calls', '//t/acme/v1']) {
            expect((await get(odd)).body?.tenant, odd).toBeNull();
        }
    });
    it('routes a console by its cookie after /t/<tenant>/console redirected there', async () => {
        const get = await listener();
        const entry = await get('/t/globex/console/live?lang=ru');
        expect(entry.status).toBe(302);
        expect(entry.headers.get('location')).toBe('/console/live?lang=ru');
        expect(entry.headers.get('set-cookie')).toBe(`${TENANT_COOKIE}=globex; Path=/; HttpOnly; SameSite=Lax`);
        expect((await get('/console/live', { cookie: `a=b; ${TENANT_COOKIE}=globex` })).body).toEqual({ tenant: 'globex', url: '/console/live' });
        expect((await get('/console/live', { cookie: `${TENANT_COOKIE}=nosuch` })).body?.tenant).toBeNull();
        expect((await get('/console/live', { cookie: `${TENANT_COOKIE}=../acme` })).body?.tenant).toBeNull();
        expect((await get('/v1/calls', { cookie: `${TENANT_COOKIE}=acme` })).body?.tenant).toBeNull(); // the cookie routes the console only
    });
});
