import { Writable } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyofficeCrm } from '../../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { OnlyofficeClient } from '../../../../src/crm/onlyoffice/onlyoffice-client.js';
import { createLogger } from '../../../../src/log.js';
import { nockPortal } from '../../../support/onlyoffice-harness.js';
const PORTAL = 'https://office.example.com';
const LOGIN = { ONLYOFFICE_URL: PORTAL, ONLYOFFICE_USERNAME: 'pbx@example.com', ONLYOFFICE_PASSWORD: 'pa55-word-9876' };
const TOKEN = { ONLYOFFICE_URL: PORTAL, ONLYOFFICE_TOKEN: 'static-token-31337' };
const NOW = Date.parse('2026-03-07T10:00:00.000Z');
function client(env) {
    const lines = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const oo = onlyofficeCrm.settingsFrom(env);
    return { c: new OnlyofficeClient(oo, createLogger('debug', [], sink), () => NOW), lines, oo };
}
const err = (p) => p.catch((e) => e);
const search = { method: 'GET', path: 'crm/contact/bycontactinfo', query: { infoType: 0, data: '9991234567' } };
describe('ONLYOFFICE client (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); });
    afterAll(() => { nock.enableNetConnect(); });
    it('logs in with userName/password, sends the raw token (no Bearer), and returns the envelope response', async () => {
        const seen = nockPortal(PORTAL, (r) => (r.path === 'authentication'
            ? { httpStatus: 201, body: { count: 1, response: { token: 'sess-token-0001', expires: '2026-03-07T17:06:03.58+03:00' }, status: 0, statusCode: 201 } }
            : [{ ID: 1 }]));
        const { c, lines } = client(LOGIN);
        expect(await c.call(search)).toEqual([{ ID: 1 }]);
        expect(await c.call(search)).toEqual([{ ID: 1 }]);
        expect(seen.map((r) => [r.method, r.path, r.auth])).toEqual([
            ['POST', 'authentication', null],
            ['GET', 'crm/contact/bycontactinfo?infoType=0&data=9991234567', 'sess-token-0001'],
            ['GET', 'crm/contact/bycontactinfo?infoType=0&data=9991234567', 'sess-token-0001'],
        ]);
        expect(seen[0]?.body).toEqual({ userName: 'pbx@example.com', password: 'pa55-word-9876' });
        const log = lines.join('\n');
        for (const s of ['sess-token-0001', 'pa55-word-9876'])
            expect(log).not.toContain(s);
    });
    it('logs in again once after a 401 and repeats the request', async () => {
        let logins = 0;
        let rejected = false;
        const seen = nockPortal(PORTAL, (r) => {
            if (r.path === 'authentication') {
                logins += 1;
                return { token: `sess-${logins}-abcdef`, expires: '2026-03-07T17:00:00Z' };
            }
            if (!rejected) {
                rejected = true;
                return { httpStatus: 401, body: { status: 1, statusCode: 401, error: { message: 'Access denied' } } };
            }
            return [];
        });
        const { c } = client(LOGIN);
        expect(await c.call(search)).toEqual([]);
        expect(seen.map((r) => r.auth)).toEqual([null, 'sess-1-abcdef', null, 'sess-2-abcdef']);
    });
    it('fails for good with a hint when the login is refused or gives no token (two-factor)', async () => {
        nockPortal(PORTAL, () => ({ httpStatus: 401, body: { status: 1, statusCode: 401, error: { message: 'User authentication failed' } } }));
        const refused = await err(client(LOGIN).c.call(search));
        expect(refused).toBeInstanceOf(PermanentError);
        expect(String(refused)).toContain('check ONLYOFFICE_USERNAME and ONLYOFFICE_PASSWORD');
        nock.cleanAll();
        nockPortal(PORTAL, () => ({ sms: true, tfa: true }));
        expect(String(await err(client(LOGIN).c.call(search)))).toContain('no token (two-factor authentication?)');
    });
    it('maps a 401 with a static token to PermanentError naming ONLYOFFICE_TOKEN but not its value', async () => {
        nockPortal(PORTAL, () => ({ httpStatus: 401, body: { status: 1, statusCode: 401, error: { message: 'Access denied' } } }));
        const { c, oo } = client(TOKEN);
        const e = await err(c.call(search));
        expect(e).toBeInstanceOf(PermanentError);
        expect(String(e)).toContain('check ONLYOFFICE_TOKEN');
        for (const s of oo.secrets)
            expect(`${String(e)} ${String(e.stack)}`).not.toContain(s);
    });
    it('maps 5xx and 429 (with Retry-After) to RetryableError, 400 and 404 to PermanentError with the server message', async () => {
        const replies = [
            { httpStatus: 500, body: { status: 1, statusCode: 500, error: { message: 'Object reference not set' } } },
            { httpStatus: 429, body: '', headers: { 'Retry-After': '12' } },
            { httpStatus: 400, body: { count: 0, status: 1, statusCode: 400, error: { message: 'Value does not fall within the expected range.', type: 'System.ArgumentException' } } },
            { httpStatus: 404, body: { status: 1, statusCode: 404, error: { message: 'task category not found' } } },
        ];
        nockPortal(PORTAL, () => replies.shift());
        const { c } = client(TOKEN);
        const e500 = await err(c.call(search));
        expect(e500).toBeInstanceOf(RetryableError);
        const e429 = await err(c.call(search));
        expect(e429).toBeInstanceOf(RetryableError);
        expect(e429.retryAfterMs).toBe(12_000);
        const e400 = await err(c.call({ method: 'POST', path: 'crm/task', body: {} }));
        expect(e400).toBeInstanceOf(PermanentError);
        expect(String(e400)).toBe('PermanentError: ONLYOFFICE POST crm/task failed: HTTP 400: Value does not fall within the expected range.');
        expect(String(await err(c.call(search)))).toContain('HTTP 404: task category not found');
    });
    it('treats an error envelope inside a 200 and a non-JSON page as PermanentError', async () => {
        const replies = [
            { httpStatus: 200, body: { status: 1, statusCode: 400, error: { message: 'bad' } } },
            { httpStatus: 200, body: '<html>login</html>' },
        ];
        nockPortal(PORTAL, () => replies.shift());
        const { c } = client(TOKEN);
        expect(String(await err(c.call(search)))).toContain('failed: status 400: bad');
        expect(String(await err(c.call(search)))).toContain('check that ONLYOFFICE_URL is the Workspace portal address');
    });
    it('maps a refused connection and a timeout to RetryableError', async () => {
        nock(PORTAL).get(/.*/).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
        const { c } = client({ ...TOKEN, ONLYOFFICE_TIMEOUT_MS: '100' });
        expect(await err(c.call(search))).toBeInstanceOf(RetryableError);
        nock(PORTAL).get(/.*/).delay(500).reply(200, '{}');
        const slow = await err(c.call(search));
        expect(slow).toBeInstanceOf(RetryableError);
        expect(String(slow)).toContain('ONLYOFFICE_TIMEOUT_MS=100');
        nock.cleanAll();
    });
});
