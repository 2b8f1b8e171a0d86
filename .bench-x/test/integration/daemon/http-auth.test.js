import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestDaemon, TEST_API_TOKEN } from '../../support/test-daemon.js';
const APP_TOKEN = 'b24-application-token-for-auth-walk';
const WRONG_TOKEN = 'not-the-api-token-0123456789abcdef';
/** Routes that answer without the bearer token; everything else the daemon registers must refuse without it. */
const PUBLIC = new Set([
    'GET /health', 'HEAD /health', 'GET /ready', 'HEAD /ready', 'GET /metrics', 'HEAD /metrics',
    'GET /openapi.json', 'HEAD /openapi.json',
    'POST /v1/crm/bitrix24/events', // authenticated by Bitrix24's application_token instead (checked below)
    // the queue dashboard's login form and logout: no data behind them; the login takes the API token in a form body
    // and answers with a session cookie (test/integration/daemon/queue-dashboard.test.ts)
    'GET /admin/login', 'HEAD /admin/login', 'POST /admin/login', 'POST /admin/logout',
]);
/** Swagger UI (GET /docs and its static files): the same public document as /openapi.json, no data behind it. */
const PUBLIC_PREFIX = '/docs';
/** The real daemon (startDaemon, every route plugin) with the route table as fastify registered it. */
async function daemonWithRoutes() {
    const seen = [];
    const collect = (r) => {
        for (const method of [r.method].flat())
            seen.push({ method, url: r.url });
    };
    const daemon = await startTestDaemon({
        amiPort: await freePort(), options: { onHttpRoute: collect },
        // the Bitrix24 module's event route is mounted only when it runs (no request reaches the portal in these tests)
        env: { CRM_ADAPTER: 'bitrix24', BITRIX24_WEBHOOK_URL: 'https://127.0.0.1:9/rest/1/auth-test-hook/', BITRIX24_APPLICATION_TOKEN: APP_TOKEN },
    });
    const routes = [...new Map(seen.map((r) => [`${r.method} ${r.url}`, r])).values()];
    return { daemon, routes };
}
/** A concrete path for a route pattern (`:id` and `*` filled in). */
function concrete(pattern) {
    return pattern.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'x1').replace(/\*/g, 'x');
}
/** Encoded and odd spellings of a path that a decoding router may still match. */
function oddForms(path) {
    const [, first = '', ...rest] = path.split('/');
    const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
    const hex = (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    const digit = /\d/.exec(path);
    return [
        path, `/${hex(first.charAt(0))}${first.slice(1)}${tail}`, `/${hex(first.charAt(0)).toUpperCase()}${first.slice(1)}${tail}`,
        digit ? `${path.slice(0, digit.index)}${hex(digit[0])}${path.slice(digit.index + 1)}` : path,
        `/${path}`, `/${first}/${tail}`, `${path}/`, `/${first.toUpperCase()}${tail}`, path.toUpperCase(),
        `/.${path}`, `/${first}/.${tail}`, `/${first}/..${path}`, `${path}?x=1`, `${path};x`, `/${first}%2F${rest.join('/')}`,
    ];
}
const CREDENTIALS = [
    {}, { authorization: `Bearer ${WRONG_TOKEN}` }, { authorization: `Bearer ${TEST_API_TOKEN}x` }, { authorization: 'Bearer ' },
    { authorization: `Basic ${Buffer.from(`api:${TEST_API_TOKEN}`).toString('base64')}` }, { authorization: `Token ${TEST_API_TOKEN}` },
    { 'x-api-token': TEST_API_TOKEN, cookie: `token=${TEST_API_TOKEN}` },
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
function authFailureSamples(metrics) {
    return [...metrics.matchAll(/^pcb_http_auth_failures_total\{route="([^"]*)",reason="([^"]*)"\} (\d+)$/gm)]
        .map((m) => ({ route: m[1] ?? '', reason: m[2] ?? '', count: Number(m[3]) }));
}
describe('HTTP authentication is decided on the matched route', () => {
    it('every route but the public allow-list refuses requests without the token, under any spelling of its path', async () => {
        const { daemon, routes } = await daemonWithRoutes();
        const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
        expect([...PUBLIC].filter((k) => !keys.has(k))).toEqual([]); // the allow-list names real routes
        const isPublic = (method, url) => PUBLIC.has(`${method} ${url}`)
            || ((method === 'GET' || method === 'HEAD') && (url === PUBLIC_PREFIX || url.startsWith(`${PUBLIC_PREFIX}/`)));
        expect(routes.some((r) => r.url === PUBLIC_PREFIX)).toBe(true);
        const guarded = routes.filter((r) => !isPublic(r.method, r.url));
        expect(guarded.map((r) => r.url)).toEqual(expect.arrayContaining(['/v1/calls', '/v1/calls/:id', '/v1/originate', '/v1/contacts', '/v1/route', '/admin/queues/api/queues', '/admin/queues/api/queues/:queueName/:jobId/retry']));
        const leaks = [];
        for (const route of guarded) {
            for (const url of oddForms(concrete(route.url))) {
                for (const method of new Set([route.method, ...METHODS])) {
                    for (const headers of CREDENTIALS) {
                        const res = await daemon.http.inject({ method: method, url, headers });
                        if (res.statusCode !== 401 && res.statusCode !== 404)
                            leaks.push(`${method} ${url} ${JSON.stringify(headers)} → ${res.statusCode}`);
                        if (res.statusCode === 404)
                            expect(res.body).not.toMatch(/unauthori[sz]ed|token/i);
                    }
                }
            }
            const authorised = await daemon.http.inject({ method: route.method, url: concrete(route.url), headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
            expect(authorised.statusCode, `${route.method} ${route.url} with the token`).not.toBe(401);
        }
        expect(leaks).toEqual([]);
        // the router decodes: the spelling that used to slip past a URL-prefix check reaches the route, with the token only
        expect((await daemon.get('/%761/calls', null)).status).toBe(401);
        expect((await daemon.get('/v%31/calls')).status).toBe(200);
    });
    it('the public routes answer without a token; the Bitrix24 event route still demands its application_token', async () => {
        const { daemon } = await daemonWithRoutes();
        for (const path of ['/health', '/metrics', '/openapi.json', '/docs', '/docs/json']) {
            expect((await daemon.get(path, null)).status, path).toBe(200);
            expect((await daemon.http.inject({ method: 'HEAD', url: path })).statusCode, `HEAD ${path}`).toBe(200);
        }
        expect([200, 503]).toContain((await daemon.get('/ready', null)).status);
        const deliver = (fields, headers = {}) => daemon.http.inject({
            method: 'POST', url: '/v1/crm/bitrix24/events', payload: new URLSearchParams(fields).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
        expect((await deliver({ event: 'ONAPPTEST' })).statusCode).toBe(401);
        expect((await deliver({ event: 'ONAPPTEST', 'auth[application_token]': 'guessed' })).statusCode).toBe(401);
        expect((await deliver({ event: 'ONAPPTEST' }, { authorization: `Bearer ${TEST_API_TOKEN}` })).statusCode).toBe(401);
        const ok = await deliver({ event: 'ONAPPTEST', 'auth[application_token]': APP_TOKEN });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({ ignored: true });
        const odd = await daemon.http.inject({ method: 'POST', url: '/%761/crm/bitrix24/events', payload: 'event=ONAPPTEST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(odd.statusCode).toBe(401);
    });
    it('an unmatched path is a bare 404 with or without a token, and says nothing about the token', async () => {
        const { daemon } = await daemonWithRoutes();
        for (const token of [null, WRONG_TOKEN, TEST_API_TOKEN]) {
            for (const path of ['/v1/nothing', '/v1/calls/x/y', '/v2/calls', '/admin']) {
                const res = await daemon.get(path, token);
                expect(res.status, `${path} ${token ?? '-'}`).toBe(404);
                expect(res.text).not.toMatch(/unauthori[sz]ed|token|bearer/i);
            }
        }
    });
    it('each refusal is logged (address, route pattern, reason; never a credential) and counted by route pattern', async () => {
        const { daemon } = await daemonWithRoutes();
        const basic = Buffer.from(`api:${TEST_API_TOKEN}`).toString('base64');
        for (const headers of [{}, { authorization: `Bearer ${WRONG_TOKEN}` }, { authorization: `Basic ${basic}` }]) {
            for (const url of ['/v1/calls', '/%761/calls', '/v1/calls/1795413735.0', '/v%31/calls/abc'])
                await daemon.http.inject({ method: 'GET', url, headers });
        }
        await daemon.http.inject({ method: 'POST', url: '/v1/crm/bitrix24/events', payload: 'event=X&auth[application_token]=guessed-app-token', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        const samples = authFailureSamples((await daemon.get('/metrics', null)).text);
        expect(new Set(samples.map((s) => s.route))).toEqual(new Set(['/v1/calls', '/v1/calls/:id', '/v1/crm/bitrix24/events']));
        const count = (route, reason) => samples.find((s) => s.route === route && s.reason === reason)?.count;
        expect(count('/v1/calls', 'missing_token')).toBe(2);
        expect(count('/v1/calls', 'wrong_token')).toBe(2);
        expect(count('/v1/calls/:id', 'not_bearer')).toBe(2);
        expect(count('/v1/crm/bitrix24/events', 'wrong_application_token')).toBe(1);
        const refusals = daemon.logLines().map((l) => JSON.parse(l)).filter((l) => l['msg'] === 'authentication failed');
        expect(refusals).toHaveLength(13);
        for (const line of refusals) {
            expect(line).toMatchObject({ level: 40, ip: '127.0.0.1', route: expect.stringMatching(/^\/v1\/(calls(\/:id)?|crm\/bitrix24\/events)$/), reason: expect.any(String) });
        }
        const leaked = daemon.logLines().filter((l) => [TEST_API_TOKEN, WRONG_TOKEN, basic, 'guessed-app-token', APP_TOKEN].some((s) => l.includes(s)) || /authorization/i.test(l));
        expect(leaked).toEqual([]);
    });
});
