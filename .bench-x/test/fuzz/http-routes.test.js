import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BITRIX24_EVENTS_PATH } from '../../src/crm/bitrix24/bitrix24-events.js';
import { silentLogger } from '../../src/log.js';
import { memoryLogger } from '../support/ami-replay.js';
import { aCall } from '../../harness/call-builders.js';
import { fuzzHttpApp, FUZZ_API_TOKEN, FUZZ_APP_TOKEN } from './fuzz-http-app.js';
import { fuzzScale } from './fuzz-scale.js';
import { expectNoServerError, expectPrototypeClean, injectJunk, junkRequest } from './junk-request.js';
const AUTH = `Bearer ${FUZZ_API_TOKEN}`;
const request = junkRequest(FUZZ_API_TOKEN, FUZZ_APP_TOKEN);
describe('every HTTP route under junk requests', () => {
    it('random method, path, query, content type, auth and body: never 5xx, errors as {error:{code,message}}, no prototype pollution, no token in any log line', async () => {
        const { log, lines } = memoryLogger('trace'); // value scrubbing off: no code path may write a token at all
        const { app } = await fuzzHttpApp(log);
        await fc.assert(fc.asyncProperty(request, async (r) => {
            const res = await injectJunk(app, r);
            expectNoServerError(res, r.method, `${r.method} ${r.path}${r.query.slice(0, 100)} [${r.contentType ?? '-'}]`);
        }), { numRuns: 800 * fuzzScale() });
        expectPrototypeClean();
        expect(lines().filter((l) => l.includes(FUZZ_API_TOKEN) || l.includes(FUZZ_APP_TOKEN))).toEqual([]);
    });
    it('POST /v1/originate with well-formed JSON of junk values: 202 or 4xx, never 5xx', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('201', '202', '999', '', '+74951112233', '8 (495) 111-22-33', '00441234', '*97', '201&Channel=x', '201\r\nAction: Originate'));
        const from = fc.oneof(text, fc.record({ extension: text }), fc.record({ crmUserId: text }), fc.record({ extension: text, crmUserId: text }), fc.jsonValue({ maxDepth: 2 }));
        const payload = fc.record({
            from, to: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })), callerId: text, crmCallId: text,
            variables: fc.oneof(fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'A=B', 'X Y')), fc.string({ maxLength: 20 }), { maxKeys: 12 }), fc.jsonValue({ maxDepth: 1 })),
        }, { requiredKeys: [] });
        await fc.assert(fc.asyncProperty(payload, async (p) => {
            const res = await app.inject({ method: 'POST', url: '/v1/originate', headers: { authorization: AUTH, 'content-type': 'application/json' }, payload: JSON.stringify(p) });
            expectNoServerError(res, 'POST', `originate ${JSON.stringify(p).slice(0, 200)}`);
            expect([202, 400, 401, 403, 404, 409, 413, 415, 422, 429]).toContain(res.statusCode);
        }), { numRuns: 600 * fuzzScale() });
        expectPrototypeClean();
    });
    it('Bitrix24 events with the right application_token and junk form fields: 2xx or 4xx, never 5xx', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const key = fc.oneof(fc.constantFrom('event', 'data[USER_ID]', 'data[CALL_ID]', 'data[PHONE_NUMBER]', 'auth[member_id]', 'auth[domain]', 'data[CRM_CREATED_ENTITIES][0][ENTITY_TYPE]', 'data[]', 'data[][]', 'data[a][b][c][d][e][f]', '[x]', 'data[__proto__]', 'auth[application_token][x]', 'event[]', 'data'), fc.string({ maxLength: 12 }));
        const value = fc.oneof(fc.constantFrom('ONEXTERNALCALLSTART', 'ONEXTERNALCALLBACKSTART', 'onexternalcallstart', '7', '1269', '+74951112233', '00441234', ''), fc.string({ maxLength: 30 }));
        await fc.assert(fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 12 }), fc.boolean(), async (pairs, tokenFirst) => {
            const params = new URLSearchParams(pairs);
            if (tokenFirst)
                params.set('auth[application_token]', FUZZ_APP_TOKEN);
            const res = await app.inject({ method: 'POST', url: BITRIX24_EVENTS_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
            expectNoServerError(res, 'POST', `bitrix24 ${params.toString().slice(0, 200)}`);
        }), { numRuns: 600 * fuzzScale() });
        expectPrototypeClean();
    });
    it('GET /v1/calls, /v1/calls/:id, /v1/contacts, /v1/route with junk parameters (authorised): never 5xx; route always 200', async () => {
        const { app, journal } = await fuzzHttpApp(silentLogger());
        for (let i = 0; i < 5; i += 1) {
            await journal.record(aCall({ id: `1700000000.${i}`, startedAtMs: 1_700_000_000_000 + i * 1000, externalNumber: '+74951234567' }), null, null);
        }
        const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('1e999', '-1', '', '+74951234567', '2024-02-30T00:00:00Z', 'WzFlOTk5LCJ4Il0', 'W251bGwsIngiXQ', 'WyJ4IiwieCJd'));
        const cursorJson = fc.tuple(fc.oneof(fc.double(), fc.constantFrom(1e308, -1e308), fc.integer()), fc.string({ maxLength: 10 }))
            .map((t) => Buffer.from(JSON.stringify(t).replace('null', '1e999')).toString('base64url'));
        const name = fc.constantFrom('limit', 'cursor', 'phone', 'extension', 'disposition', 'from', 'to', 'did', 'format', 'x');
        const target = fc.constantFrom('/v1/calls', '/v1/contacts', '/v1/route', '/v1/calls/');
        await fc.assert(fc.asyncProperty(target, fc.array(fc.tuple(name, fc.oneof(value, cursorJson)), { maxLength: 4 }), fc.string({ maxLength: 30 }), async (path, pairs, id) => {
            const url = path === '/v1/calls/' ? `${path}${encodeURIComponent(id)}` : `${path}?${new URLSearchParams(pairs).toString()}`;
            const res = await app.inject({ method: 'GET', url, headers: { authorization: AUTH } });
            expectNoServerError(res, 'GET', url.slice(0, 200));
            if (path === '/v1/route' && !pairs.some(([k]) => k === 'format'))
                expect(res.statusCode, url).toBe(200);
        }), { numRuns: 600 * fuzzScale() });
    });
    it('GET /v1/route?format=text: whatever the caller number or token, the body FILTER(0123456789) keeps is empty or an extension', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const caller = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ maxLength: 200, unit: 'binary' }), fc.constantFrom('1'.repeat(65), '+7 495 123-45-67', '201'));
        await fc.assert(fc.asyncProperty(caller, caller, fc.oneof(fc.constant(AUTH), fc.constant('Bearer wrong'), fc.constant(undefined)), async (phone, did, auth) => {
            const url = `/v1/route?format=text&phone=${encodeURIComponent(phone)}&did=${encodeURIComponent(did)}`;
            const res = await app.inject({ method: 'GET', url, headers: auth === undefined ? {} : { authorization: auth } });
            expectNoServerError(res, 'GET', url.slice(0, 200));
            if (auth === AUTH)
                expect(res.statusCode, url).toBe(200);
            expect(['', '201', '202'], `${url} → ${res.body}`).toContain(res.body.replace(/[^0-9]/g, ''));
        }), { numRuns: 400 * fuzzScale() });
    });
    it('regressions the fuzzer found: a 65-character caller gets an empty 200 (was 400 "…more than 64 characters" → FILTER gave 64)', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const res = await app.inject({ method: 'GET', url: `/v1/route?format=text&phone=${'1'.repeat(65)}`, headers: { authorization: AUTH } });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('');
        const twice = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&phone=x&did=1&did=2', headers: { authorization: AUTH } });
        expect(twice.statusCode).toBe(200);
    });
    it('regressions the fuzzer found: bad percent-encoding (400) and an over-long path parameter (414) answer {error:{code,message}}', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const bad = await app.inject({ method: 'GET', url: '/v1/calls/%E0%A4%A', headers: { authorization: AUTH } });
        expect(bad.statusCode).toBe(400);
        expect(bad.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
        const long = await app.inject({ method: 'GET', url: `/v1/calls/${'x'.repeat(500)}`, headers: { authorization: AUTH } });
        expect(long.statusCode).toBe(414);
        expect(long.json()).toEqual({ error: { code: 'uri_too_long', message: expect.any(String) } });
    });
    it('a body over the limit is 413, deep JSON is 400, a JSON body with a non-JSON type is 415: each as {error:{code,message}}', async () => {
        const { app } = await fuzzHttpApp(silentLogger());
        const post = (payload, type) => app.inject({ method: 'POST', url: '/v1/originate', headers: { authorization: AUTH, 'content-type': type }, payload });
        const huge = await post(`{"to":"${'9'.repeat(100 * 1024)}"}`, 'application/json');
        expect(huge.statusCode).toBe(413);
        expect(huge.json()).toMatchObject({ error: { code: 'body_too_large' } });
        const deep = await post(`${'['.repeat(30_000)}${']'.repeat(30_000)}`, 'application/json');
        expect(deep.statusCode).toBe(400);
        const xml = await post('<a/>', 'application/xml');
        expect(xml.statusCode).toBe(415);
        expect(xml.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    });
});
