import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { aCall, aRing } from '../../../harness/call-builders.js';
import { asUser, CONSOLE_HOST, CONSOLE_ORIGIN, signIn, signInRequest } from '../../support/console-client.js';
import { consoleUser, consoleUsersFile } from '../../support/console-users.js';
import { startTestDaemon } from '../../support/test-daemon.js';
async function consoleDaemon(env = {}) {
    const pbx = await startTestAmiServer();
    const recordings = mkdtempSync(join(tmpdir(), 'pcb-recordings-'));
    mkdirSync(join(recordings, '2026', '12', '02'), { recursive: true });
    writeFileSync(join(recordings, '2026', '12', '02', 'call.wav'), Buffer.from('RIFF0123456789abcdef'));
    writeFileSync(join(tmpdir(), 'pcb-outside.wav'), 'outside');
    const daemon = await startTestDaemon({
        amiPort: pbx.port,
        env: { CONSOLE_USERS_FILE: await consoleUsersFile(), RECORDINGS_DIR: recordings, RECORDINGS_PATH_MAP: `/var/spool/asterisk/monitor=${recordings}`, ...env },
    });
    return { daemon, pbx, app: daemon.http };
}
describe('console sign-in', () => {
    it('serves the page with a strict CSP and no inline script or style', async () => {
        const { app } = await consoleDaemon();
        const res = await app.inject({ method: 'GET', url: '/console' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.body).toContain('<label for="login-ext" data-i18n="extension">Extension</label>');
        expect(res.body).toContain('<label for="login-pw" data-i18n="password">Password</label>');
        expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(res.body).not.toMatch(/\sstyle=|<style|\son[a-z]+=|https?:\/\//);
        const js = await app.inject({ method: 'GET', url: '/console/assets/app.js' });
        expect(js.statusCode).toBe(200);
        expect(js.headers['content-type']).toContain('javascript');
        expect((await app.inject({ method: 'GET', url: '/console/assets/..%2fconsole-users.js' })).statusCode).toBe(404);
    });
    it('sets an HttpOnly SameSite=Strict cookie on /console, Secure only behind TLS from a trusted proxy, and logs no password', async () => {
        const { app, daemon } = await consoleDaemon({ CONSOLE_TRUST_PROXY: 'true' });
        const plain = await signIn(app, '201');
        expect(plain.setCookie).toMatch(/^pcb_console=[A-Za-z0-9_-]{40,}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
        const tls = await signInRequest(app, '201', consoleUser('201').password, { 'x-forwarded-proto': 'https', origin: `https://${CONSOLE_HOST}` });
        const tlsCookies = [tls.headers['set-cookie'] ?? []].flat();
        expect(tlsCookies.map((c) => c.split('=')[0]).sort()).toEqual(['pcb_console', 'pcb_csrf']);
        for (const c of tlsCookies)
            expect(c.split('; ')).toEqual(expect.arrayContaining(['Path=/console', 'HttpOnly', 'SameSite=Strict', 'Secure']));
        expect(plain.cookie).toMatch(/pcb_csrf=/);
        const wrong = await signInRequest(app, '202', 'not-the-password');
        expect(wrong.statusCode).toBe(401);
        const lines = daemon.logLines().join('\n');
        expect(lines).toContain('console: sign-in refused');
        expect(lines).toContain('console: signed in');
        expect(lines).not.toContain('not-the-password');
        expect(lines).not.toContain(consoleUser('201').password);
    });
    it('ignores X-Forwarded-Proto unless the proxy is trusted', async () => {
        const { app } = await consoleDaemon();
        const res = await signInRequest(app, '201', consoleUser('201').password, { 'x-forwarded-proto': 'https' });
        expect(res.statusCode).toBe(200);
        expect(String(res.headers['set-cookie'])).not.toContain('Secure');
    });
    it('rate-limits sign-in attempts per address and extension', async () => {
        const { app } = await consoleDaemon({ CONSOLE_LOGIN_MAX_PER_MIN: '3' });
        const statuses = [];
        for (let i = 0; i < 3; i += 1)
            statuses.push((await signInRequest(app, '202', `wrong-${i}`)).statusCode);
        statuses.push((await signInRequest(app, '202', consoleUser('202').password)).statusCode);
        expect(statuses).toEqual([401, 401, 401, 429]);
        expect((await signInRequest(app, '203', consoleUser('203').password)).statusCode).toBe(200); // another extension
    });
    it('refuses a sign-in posted from another site', async () => {
        const { app } = await consoleDaemon();
        expect((await signInRequest(app, '201', consoleUser('201').password, { origin: 'https://evil.example' })).statusCode).toBe(403);
    });
});
describe('console API access', () => {
    it('refuses every console route without a session, except the page, its assets and the sign-in; each is documented', async () => {
        const routes = [];
        const pbx = await startTestAmiServer();
        const daemon = await startTestDaemon({
            amiPort: pbx.port, env: { CONSOLE_USERS_FILE: await consoleUsersFile() }, options: { onHttpRoute: (r) => routes.push(r) },
        });
        const open = new Set(['GET /console', 'GET /console/', 'GET /console/assets/:file', 'GET /console/assets/uplot/:file', 'POST /console/api/session']);
        const consoleRoutes = routes.filter((r) => r.url.startsWith('/console')).flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD').map((m) => ({ m, r })));
        expect(consoleRoutes.length).toBeGreaterThan(10);
        for (const { m, r } of consoleRoutes) {
            const key = `${m} ${r.url}`;
            const schema = (r.schema ?? {});
            if (!schema.hide)
                expect(schema.summary && schema.operationId, key).toBeTruthy();
            if (open.has(key))
                continue;
            const url = r.url.replace(/:callId/g, 'x1').replace(/:index/g, '0').replace(/:[A-Za-z]+/g, 'x1');
            const res = await daemon.http.inject({ method: m, url, headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, authorization: 'Bearer test-api-token-0123456789abcdef' } });
            expect(res.statusCode, key).toBe(401);
        }
    });
    it('answers 401 without a session on every console API route', async () => {
        const { app } = await consoleDaemon();
        for (const url of ['/console/api/session', '/console/api/events', '/console/api/journal', '/console/api/missed', '/console/api/board', '/console/recordings/x/0', '/console/api/calls/x/caller', '/console/api/calls/x', '/console/api/reports?from=2026-12-01&to=2026-12-02']) {
            const res = await app.inject({ method: 'GET', url, headers: { cookie: 'pcb_console=made-up-session-id-0123456789abcdef' } });
            expect(res.statusCode, url).toBe(401);
        }
        expect((await app.inject({ method: 'POST', url: '/console/api/session/end', headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN } })).statusCode).toBe(401);
    });
    it('answers 403 for the wrong role and for a POST without the CSRF token or from another origin', async () => {
        const { app } = await consoleDaemon();
        const anna = asUser(app, await signIn(app, '201'));
        const chief = asUser(app, await signIn(app, 'chief'));
        expect((await anna.get('/console/api/board')).statusCode).toBe(403);
        expect((await chief.get('/console/api/board')).statusCode).toBe(200);
        expect((await anna.get('/console/api/journal?extension=202')).statusCode).toBe(403);
        expect((await chief.get('/console/api/journal?extension=202')).statusCode).toBe(200);
        const forged = await anna.post('/console/api/session/end', undefined, { 'x-csrf-token': 'forged' });
        expect([forged.statusCode, forged.json().error.code]).toEqual([403, 'csrf']);
        const noSecret = await anna.post('/console/api/session/end', undefined, { cookie: anna.cookieWithout('pcb_csrf') });
        expect([noSecret.statusCode, noSecret.json().error.code]).toEqual([403, 'csrf']);
        expect((await anna.post('/console/api/session/end', undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
        expect((await anna.get('/console/api/session')).statusCode).toBe(200);
        expect((await anna.post('/console/api/session/end')).statusCode).toBe(200);
        expect((await anna.get('/console/api/session')).statusCode).toBe(401);
    });
});
describe('console recordings', () => {
    async function withRecordedCall(files) {
        const ctx = await consoleDaemon();
        const call = aCall({ rang: [aRing('201', 1, 'answered', 2)], answeredBy: '201', answeredAtMs: 2, endedAtMs: 10, disposition: 'answered', recordingFiles: files });
        await ctx.daemon.crm.journal.record(call, '201', null);
        return { ...ctx, callId: call.id };
    }
    it('serves a recording with Range requests after the session check, to those on the call', async () => {
        const { app, callId } = await withRecordedCall(['/var/spool/asterisk/monitor/2026/12/02/call.wav']);
        const url = `/console/recordings/${callId}/0`;
        expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
        const anna = asUser(app, await signIn(app, '201'));
        const whole = await anna.get(url);
        expect(whole.statusCode).toBe(200);
        expect(whole.headers['accept-ranges']).toBe('bytes');
        expect(whole.body).toBe('RIFF0123456789abcdef');
        const part = await anna.get(url, { range: 'bytes=4-7' });
        expect(part.statusCode).toBe(206);
        expect(part.headers['content-range']).toBe('bytes 4-7/20');
        expect(part.body).toBe('0123');
        expect((await asUser(app, await signIn(app, '202')).get(url)).statusCode).toBe(403);
        expect((await asUser(app, await signIn(app, 'chief')).get(url)).statusCode).toBe(200);
    });
    it('never serves a file outside the folder, whatever path the journal holds or the URL asks for', async () => {
        const { app, callId } = await withRecordedCall([
            '/var/spool/asterisk/monitor/../../../../tmp/pcb-outside.wav', '/tmp/pcb-outside.wav', '/var/spool/asterisk/monitor/2026/%2e%2e/%2e%2e/../pcb-outside.wav',
        ]);
        const anna = asUser(app, await signIn(app, '201'));
        for (const i of [0, 1, 2])
            expect((await anna.get(`/console/recordings/${callId}/${i}`)).statusCode).toBe(404);
        for (const url of ['/console/recordings/..%2F..%2Fetc/0', '/console/recordings/%2e%2e/0', '/console/recordings/a%00b/0', `/console/recordings/${callId}/..%2f1`]) {
            expect([400, 404]).toContain((await anna.get(url)).statusCode);
        }
    });
});
describe('console journal, caller details and missed calls', () => {
    async function withHistory() {
        const ctx = await consoleDaemon();
        const journal = ctx.daemon.crm.journal;
        const older = aCall({ startedAtMs: 1_000, rang: [aRing('201', 1_000, 'answered', 2_000)], answeredBy: '201', answeredAtMs: 2_000, endedAtMs: 9_000, disposition: 'answered' });
        const missed = aCall({ startedAtMs: 20_000, rang: [aRing('201', 20_000, 'noanswer', 50_000)], endedAtMs: 50_000, disposition: 'noanswer' });
        const other = aCall({ startedAtMs: 30_000, externalNumber: '+74950000001', rang: [aRing('202', 30_000, 'cancelled', 31_000)], endedAtMs: 31_000, disposition: 'missed' });
        await journal.record(older, '201', null);
        await journal.record(missed, '201', null);
        await journal.record(other, '202', null);
        return { ...ctx, older, missed, other };
    }
    it('pages the journal with a cursor, keeping operators to their own calls', async () => {
        const { app, older, missed } = await withHistory();
        const anna = asUser(app, await signIn(app, '201'));
        const first = (await anna.get('/console/api/journal?limit=1')).json();
        expect(first.items.map((r) => r.id)).toEqual([missed.id]);
        expect(first.items[0]?.number).toBe('+7 495 123-45-67');
        const second = (await anna.get(`/console/api/journal?limit=1&cursor=${first.nextCursor}`)).json();
        expect(second.items.map((r) => r.id)).toEqual([older.id]);
        const chief = asUser(app, await signIn(app, 'chief'));
        const all = (await chief.get('/console/api/journal?disposition=missed')).json();
        expect(all.items.map((r) => r.agentName)).toEqual(['Boris Ivanov']);
        expect((await anna.get('/console/api/journal?cursor=garbage')).statusCode).toBe(400);
    });
    it('gives the client from the CRM, the responsible person and the last calls with the number, to those on the call', async () => {
        const { app, daemon, older, missed } = await withHistory();
        await daemon.localCrm().createEntity({ kind: 'contact', phone: '+74951234567', title: 'Ivan Kuznetsov', responsibleExtension: '203', contact: null, source: 'inbound' });
        const anna = asUser(app, await signIn(app, '201'));
        const res = await anna.get(`/console/api/calls/${missed.id}/caller`);
        expect(res.json()).toMatchObject({ number: '+7 495 123-45-67', name: 'Ivan Kuznetsov', crmUrl: null, responsible: { extension: '203', name: 'Vera Petrova' } });
        expect(res.json().lastCalls.map((c) => c.id)).toEqual([older.id]);
        expect((await asUser(app, await signIn(app, '202')).get(`/console/api/calls/${missed.id}/caller`)).statusCode).toBe(404);
    });
    it('lists the missed calls the operator owns, keeps their done flag, and calls back only those', async () => {
        const { app, pbx, missed, other } = await withHistory();
        const anna = asUser(app, await signIn(app, '201'));
        const list = (await anna.get('/console/api/missed')).json();
        expect(list.items).toMatchObject([{ id: missed.id, done: false }]);
        expect((await anna.post(`/console/api/missed/${missed.id}/done`, { done: true })).statusCode).toBe(200);
        expect((await anna.get('/console/api/missed')).json().items[0]?.done).toBe(true);
        expect((await anna.get('/console/api/missed?includeDone=false')).json().items).toEqual([]);
        expect((await anna.post(`/console/api/missed/${other.id}/done`, { done: true })).statusCode).toBe(404);
        expect((await anna.post(`/console/api/missed/${other.id}/call-back`)).statusCode).toBe(404);
        expect((await anna.post(`/console/api/missed/${missed.id}/call-back`, undefined, { 'x-csrf-token': 'nope' })).statusCode).toBe(403);
        expect(pbx.actions.some((a) => a.name.toLowerCase() === 'originate')).toBe(false);
    });
});
