import nock from 'nock';
import { onTestFinished } from 'vitest';
import { onlyofficeCrm } from '../../src/crm/onlyoffice/onlyoffice-crm.js';
import { createOnlyofficeAdapter } from '../../src/crm/onlyoffice/onlyoffice-adapter.js';
import { silentLogger } from '../../src/log.js';
import { testRedis, uniquePrefix } from './test-redis.js';
/** Operators of the tests: extension → ONLYOFFICE user GUID. */
export const OO_USERS = { '201': '11111111-2222-4333-8444-555555555201', '202': '11111111-2222-4333-8444-555555555202' };
export const OO_USERS_ENV = Object.entries(OO_USERS).map(([e, g]) => `${e}=${g}`).join(',');
function isHttp(r) {
    return typeof r === 'object' && r !== null && 'httpStatus' in r;
}
/** nock for one portal: records every request in order and answers with `respond` wrapped in the ONLYOFFICE envelope. */
export function nockPortal(origin, respond) {
    const seen = [];
    const reply = async (req) => {
        const url = new URL(req.url);
        const text = await req.text();
        const r = {
            method: req.method, path: `${url.pathname.replace(/^\/api\/2\.0\//, '')}${url.search}`,
            auth: req.headers.get('authorization'), body: text ? JSON.parse(text) : null,
        };
        seen.push(r);
        const out = respond(r);
        if (isHttp(out))
            return [out.httpStatus, JSON.stringify(out.body), out.headers ?? {}];
        return [200, JSON.stringify({ count: 1, status: 0, statusCode: 200, response: out })];
    };
    nock(origin).persist().get(/.*/).reply(reply).post(/.*/).reply(reply);
    onTestFinished(() => { nock.cleanAll(); });
    return seen;
}
export function onlyofficeTestConfig(env = {}) {
    return onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: 'https://office.example.com', ONLYOFFICE_TOKEN: 'oo-token-abcdef123456', ONLYOFFICE_USERS: OO_USERS_ENV, ...env });
}
/** The adapter on the test Redis with a unique prefix. */
export function onlyofficeTestAdapter(oo, log = silentLogger(), nowMs) {
    return createOnlyofficeAdapter(oo, { redis: testRedis(), prefix: uniquePrefix(), log, ...(nowMs ? { nowMs } : {}) });
}
