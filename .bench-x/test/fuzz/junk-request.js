import fc from 'fast-check';
import { expect } from 'vitest';
import { BITRIX24_EVENTS_PATH } from '../../src/crm/bitrix24/bitrix24-events.js';
const ROUTES = [
    '/health', '/ready', '/metrics', '/v1/calls', '/v1/calls/1700000000.1', '/v1/contacts', '/v1/originate', '/v1/route', BITRIX24_EVENTS_PATH,
    '/v1/reports/operators', '/v1/reports/hours', '/v1/calls/1700000000.1/trace', '/v1/contacts/%2B74951234567/personal-data', '/v1/contacts/x/personal-data',
];
const JUNK_PATHS = [
    '/', '/v1/', '/v1/calls/', '/v1/calls/%', '/v1/calls/%E0%A4%A', '/v1/calls/..%2F..%2Fetc', '//v1/calls', '/v1/calls/a:b', '/v1/originate/',
    '/v1/calls/%00', `/v1/calls/${'x'.repeat(5000)}`, '/v1/crm/bitrix24/events/../../calls', '/V1/CALLS', '/v1/calls?', '/metrics/x',
];
const CONTENT_TYPES = [
    undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded',
    'text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'application/json, text/plain', ';', '*/*',
    'application/x-www-form-urlencoded; charset=koi8-r', 'APPLICATION/JSON', 'application/merge-patch+json',
];
/** Bodies that try to pollute Object.prototype through JSON or PHP-style form keys. */
function poison(appToken) {
    return [
        '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"from":"201","to":"+74951112233","variables":{"__proto__":"x","constructor":"y"}}',
        '{"from":{"__proto__":{"extension":"201"}},"to":"84951112233"}',
        '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&data[__proto__][x]=1',
        `event=ONEXTERNALCALLSTART&auth[application_token]=${appToken}&data[USER_ID][__proto__]=1&data[CALL_ID]=x`,
    ];
}
const deepJson = fc.integer({ min: 1, max: 30_000 }).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, '['.repeat(depth)));
/** No body, binary text, JSON, pollution attempts, deep JSON, bodies over the 64 KiB limit, raw bytes. */
function junkBody(appToken) {
    return fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200, unit: 'binary' }), fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)), fc.constantFrom(...poison(appToken)), deepJson, fc.integer({ min: 60 * 1024, max: 200 * 1024 }).map((n) => `{"to":"${'9'.repeat(n)}"}`), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)));
}
const queryPart = fc.oneof(fc.string({ maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('limit=1e999', 'limit=-1', 'limit=0', 'limit=501', 'limit=1.5', 'limit=', 'limit=abc', 'cursor=%', 'cursor=WzFlOTk5LCJ4Il0', 'phone=%2B7', 'phone=' + '1'.repeat(40), 'from=2020-13-45T99:99:99Z', 'from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z', 'disposition=__proto__', '__proto__[x]=1', 'constructor[prototype][x]=1', 'a[b][c]=d', 'format=text', 'format=xml', 'did=%00', 'phone=%E0%A4%A', 'phone=74951234567&phone=74951234568', 'extension=201&extension=x', '&&&', '=', '%', '%%', 'limit=50&limit=60', 'from=2026-03-01&to=2026-03-02', 'from=2026-02-30&to=2026-03-02', 'from=1900-01-01&to=2900-01-01', 'tz=Nowhere%2FCity', 'tz=Europe%2FMoscow', 'format=csv', 'from=2026-03-01T25:00&to=2026-03-02', 'to=2026-03-01T00:00:00%2B25:00'));
const query = fc.array(queryPart, { maxLength: 4 }).map((parts) => (parts.length === 0 ? '' : `?${parts.join('&')}`));
function authHeader(token) {
    return fc.oneof(fc.constant(`Bearer ${token}`), fc.constant(undefined), fc.constantFrom('Bearer', 'Bearer ', 'Basic x', `bearer ${token}x`, 'Bearer \u00e9'), fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));
}
/**
 * A random HTTP request aimed at the daemon's routes: junk methods, paths (bad percent-encoding, over-long
 * parameters), query strings, content types, Authorization headers and bodies (binary, JSON, deep JSON, bodies over
 * the limit, prototype-pollution keys). `token`/`appToken` make some requests authentic so they reach the handlers.
 */
export function junkRequest(token, appToken) {
    return fc.record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        path: fc.oneof(fc.constantFrom(...ROUTES), fc.constantFrom(...ROUTES), fc.constantFrom(...JUNK_PATHS)),
        query,
        contentType: fc.constantFrom(...CONTENT_TYPES),
        authorization: authHeader(token),
        accept: fc.constantFrom(undefined, 'text/plain', 'application/json', '*/*', 'text/html;q=0.1', ';;;'),
        body: junkBody(appToken),
    });
}
/** Sends one junk request through `app.inject()`. */
export function injectJunk(app, r) {
    const headers = {};
    if (r.contentType)
        headers['content-type'] = r.contentType;
    if (r.authorization !== undefined)
        headers['authorization'] = r.authorization;
    if (r.accept)
        headers['accept'] = r.accept;
    return app.inject({ method: r.method, url: r.path + r.query, headers, ...(r.body === undefined ? {} : { payload: r.body }) });
}
/** 4xx or 2xx/3xx, never 5xx; every error answer is `{error: {code, message}}` JSON. */
export function expectNoServerError(res, method, what) {
    expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode < 400 || method === 'HEAD')
        return;
    const parsed = JSON.parse(res.body);
    expect(parsed, `${what} body`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}
export function expectPrototypeClean() {
    const probe = {};
    expect(probe['polluted']).toBeUndefined();
    expect(probe['x']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
}
