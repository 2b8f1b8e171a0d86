import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { createLogger } from '../../../src/log.js';
import { AmiConnection } from '../../../src/pbx/ami-connection.js';
import { startTestAmiServer, testAmiOptions } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
import { aReadyReport } from '../../support/ready-report.js';
const AMI_SECRET = 'Ami-S3cret-pa55word';
const API_TOKEN = 'api-token-4f9c2e7a1b3d5f60';
const WEBHOOK_SECRET = 'k7x2m9q4w1z8v3b6';
const WEBHOOK_URL = `https://example.bitrix24.ru/rest/1/${WEBHOOK_SECRET}/`;
const APP_TOKEN = 'b24-application-token-9d8c7b6a';
const CLIENT_SECRET = 'oauth-client-secret-12ab34cd';
const REFRESH_TOKEN = 'oauth-refresh-token-56ef78ab';
const ACCESS_TOKEN = 'oauth-access-token-90aa11bb';
const BASE_ENV = { AMI_USERNAME: 'crm', AMI_SECRET, API_TOKEN, BITRIX24_APPLICATION_TOKEN: APP_TOKEN, CRM_ADAPTER: 'bitrix24' };
const WEBHOOK_ENV = { ...BASE_ENV, BITRIX24_WEBHOOK_URL: WEBHOOK_URL };
const OAUTH_ENV = {
    ...BASE_ENV, BITRIX24_PORTAL_URL: 'https://example.bitrix24.ru', BITRIX24_CLIENT_ID: 'local.abc',
    BITRIX24_CLIENT_SECRET: CLIENT_SECRET, BITRIX24_REFRESH_TOKEN: REFRESH_TOKEN, BITRIX24_ACCESS_TOKEN: ACCESS_TOKEN,
};
/** The production root logger (createLogger with Config.secrets, as main.ts builds it) writing into memory. */
function capture(secrets) {
    const chunks = [];
    const sink = new Writable({ write(chunk, _enc, done) { chunks.push(chunk.toString()); done(); } });
    const log = createLogger('trace', secrets, sink);
    const text = () => chunks.join('');
    return { log, text, lines: () => text().split('\n').filter((l) => l.length > 0) };
}
/** Every way a secret could reach a log line: fields, nested objects, arrays, URLs, headers, errors, messages, bindings. */
function logEverywhere(log, config, secret) {
    const url = `https://example.bitrix24.ru/rest/1/${secret}/crm.contact.list?auth=${secret}`;
    const err = Object.assign(new Error(`request to ${url} failed: secret ${secret}`), {
        config: { url, headers: { Authorization: `Bearer ${secret}` } }, response: { data: { error_description: `token ${secret} expired` } },
    });
    log.info({ secret, token: secret, password: secret, apiToken: secret, webhookUrl: url }, 'top-level fields');
    log.info({ ami: { secret }, http: { token: secret }, auth: { application_token: secret } }, 'one level down');
    log.info({ a: { b: { c: { d: secret, list: [secret, { deeper: secret }] } } } }, 'deep nesting');
    log.info({ cfg: config }, 'the whole config object');
    log.info({ url, headers: { authorization: `Bearer ${secret}`, cookie: `sid=${secret}` } }, 'request');
    log.error({ err }, 'an error with the secret in its message, config and response');
    log.error(err, 'an error as the first argument');
    log.error({ err: new Error('outer', { cause: new Error(`inner ${secret}`) }) }, 'error cause');
    log.warn(`message text with ${secret} inside`);
    log.warn('printf style %s and %j', secret, { secret });
    log.child({ apiToken: secret, url }).info({ nested: `x${secret}y` }, 'child bindings');
    log.child({ component: 'crm' }).child({ webhook: url }).debug('grandchild bindings');
    log.info({ [secret]: 'as a key' }, 'secret as an object key');
}
/** Every key and string value of a parsed log line. */
function stringsOf(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(stringsOf);
    if (value !== null && typeof value === 'object')
        return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
    return [];
}
/** Checked on the raw line, on its JSON-escaped form and on every decoded string (a `\"` escape cannot hide a secret). */
function expectClean(lines, secrets) {
    for (const line of lines) {
        const decoded = stringsOf(JSON.parse(line)); // every line is still valid JSON after scrubbing
        for (const s of secrets) {
            expect(line, `raw line leaks ${s}`).not.toContain(s);
            expect(line, `raw line leaks the escaped form of ${s}`).not.toContain(JSON.stringify(s).slice(1, -1));
            expect(decoded.filter((d) => d.includes(s)), `decoded line leaks ${s}`).toEqual([]);
        }
    }
}
describe('secrets never reach a log line', () => {
    it.each([
        ['webhook', WEBHOOK_ENV, [AMI_SECRET, API_TOKEN, WEBHOOK_SECRET, WEBHOOK_URL, APP_TOKEN]],
        ['oauth', OAUTH_ENV, [AMI_SECRET, API_TOKEN, APP_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN]],
    ])('Config.secrets (%s auth) covers the AMI secret, API token, Bitrix24 webhook URL/secret or OAuth tokens and application token', (_name, env, secrets) => {
        const config = loadConfig(env);
        const { log, lines } = capture(config.secrets);
        for (const secret of secrets)
            logEverywhere(log, config, secret);
        expect(lines().length).toBeGreaterThan(20);
        expectClean(lines(), secrets);
        expect(lines().join('\n')).toContain('[redacted]');
    });
    it('the webhook URL is scrubbed with or without its trailing slash, and inside longer URLs', () => {
        const config = loadConfig(WEBHOOK_ENV);
        const { log, lines } = capture(config.secrets);
        log.info({ target: WEBHOOK_URL.slice(0, -1) }, 'no slash');
        log.info({ target: `${WEBHOOK_URL}batch.json` }, 'method url');
        log.info(`POST ${WEBHOOK_URL}crm.activity.add`);
        expectClean(lines(), [WEBHOOK_SECRET, WEBHOOK_URL]);
    });
    it('property: any configured secret of 8+ URL-safe characters, logged anywhere, never appears', () => {
        const secret = fc.stringMatching(/^[A-Za-z0-9_.~-]{8,40}$/);
        fc.assert(fc.property(secret, (s) => {
            const config = loadConfig({ ...WEBHOOK_ENV, AMI_SECRET: s });
            const { log, lines } = capture(config.secrets);
            logEverywhere(log, config, s);
            expectClean(lines(), [s]);
        }), { numRuns: 60 });
    });
    it('the HTTP app: a failing handler whose error carries the tokens logs them scrubbed and answers a bare 500', async () => {
        const config = loadConfig(WEBHOOK_ENV);
        const { log, lines } = capture(config.secrets);
        const app = await buildHttpApp({
            apiToken: API_TOKEN, log,
            readiness: async () => aReadyReport(),
            journal: { list: async () => { throw new Error(`redis said no to ${API_TOKEN} via ${WEBHOOK_URL} (${APP_TOKEN})`); }, get: async () => null },
            contacts: { findByPhone: async () => null }, metrics: { contentType: 'text/plain', metrics: async () => '' },
        });
        try {
            const res = await app.inject({ method: 'GET', url: `/v1/calls?cursor=${APP_TOKEN.replace(/[^A-Za-z0-9_-]/g, '')}`, headers: { authorization: `Bearer ${API_TOKEN}` } });
            expect(res.statusCode).toBe(500);
            expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error; see the daemon log' } });
            const wrong = await app.inject({ method: 'GET', url: '/v1/calls', headers: { authorization: `Bearer ${API_TOKEN}-wrong` } });
            expect(wrong.statusCode).toBe(401);
            expect(wrong.body).not.toContain(API_TOKEN);
        }
        finally {
            await app.close();
        }
        expect(lines().some((l) => l.includes('request failed'))).toBe(true);
        expectClean(lines(), [API_TOKEN, WEBHOOK_URL, WEBHOOK_SECRET, APP_TOKEN]);
    });
    it('the HTTP app: refused authentications are logged without the token or the Authorization header, even unscrubbed', async () => {
        const { log, lines } = capture([]); // no value scrubbing: the refusal must never put a credential in a line
        const wrong = 'wrong-api-token-5e6f7a8b9c0d';
        const app = await buildHttpApp({
            apiToken: API_TOKEN, log,
            readiness: async () => aReadyReport(),
            journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
            contacts: { findByPhone: async () => null }, metrics: { contentType: 'text/plain', metrics: async () => '' },
        });
        const sent = [`Bearer ${wrong}`, `Basic ${Buffer.from(`u:${API_TOKEN}`).toString('base64')}`, `Token ${API_TOKEN}`, `Bearer ${API_TOKEN}${API_TOKEN}`];
        try {
            for (const authorization of sent) {
                for (const url of ['/v1/calls', `/%761/calls?token=${wrong}`, '/v1/contacts?phone=123']) {
                    expect((await app.inject({ method: 'GET', url, headers: { authorization } })).statusCode).toBe(401);
                }
            }
        }
        finally {
            await app.close();
        }
        const refusals = lines().filter((l) => l.includes('authentication failed'));
        expect(refusals).toHaveLength(sent.length * 3);
        expectClean(lines(), [API_TOKEN, wrong, ...sent, 'authorization', 'Authorization', '%761']);
    });
    it('the AMI connection: a refused login logs the failure without the secret it tried', async () => {
        const server = await startTestAmiServer({ secret: 'the-pbx-has-another-one', authFailDelayMs: 0 });
        const tried = 'our-wrong-ami-secret-77';
        const { log, lines } = capture([tried]);
        const ami = AmiConnection.start(testAmiOptions(server, { secret: tried }), log);
        try {
            await waitFor(() => ami.state === 'auth-failed', { what: 'the login to be refused', timeoutMs: 5000 });
            await expect(ami.action('Ping', {})).rejects.toThrow();
        }
        finally {
            await ami.close();
        }
        expect(lines().length).toBeGreaterThan(0);
        expectClean(lines(), [tried]);
        const unscrubbed = capture([]);
        const ami2 = AmiConnection.start(testAmiOptions(server, { secret: tried }), unscrubbed.log);
        try {
            await waitFor(() => ami2.state === 'auth-failed', { what: 'the second login to be refused', timeoutMs: 5000 });
        }
        finally {
            await ami2.close();
        }
        expectClean(unscrubbed.lines(), [tried]); // not even relying on value scrubbing: the secret is never put in a line
    });
    // scrubSecrets runs on the serialised JSON line, where a secret with `"` or `\` appears escaped: both forms are scrubbed.
    it('scrubs a secret with a quote or backslash (AMI_SECRET=pa"ss\\word)', () => {
        const s = 'pa"ss\\word-123';
        const config = loadConfig({ ...WEBHOOK_ENV, AMI_SECRET: s });
        const { log, lines } = capture(config.secrets);
        log.info({ secret: 'path redaction does not apply here', detail: `login with ${s} failed` }, 'escaped');
        expectClean(lines(), [s]);
    });
    // Values shorter than 4 characters are not scrubbed (they would blank ordinary words), so the config refuses them.
    it('refuses an AMI_SECRET too short to be scrubbed from logs', () => {
        expect(() => loadConfig({ ...WEBHOOK_ENV, AMI_SECRET: 'q7z' })).toThrow(/AMI_SECRET: is too short/);
    });
});
