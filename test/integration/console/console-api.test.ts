import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { aCall, aRing } from '../../support/call-builders.js';
import { asUser, CONSOLE_HOST, CONSOLE_ORIGIN, signIn, signInRequest } from '../../support/console-client.js';
import { consoleUser, consoleUsersFile } from '../../support/console-users.js';
import { startTestDaemon } from '../../support/test-daemon.js';

async function consoleDaemon(env: Record<string, string> = {}) {
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
    expect(String(tls.headers['set-cookie'])).toMatch(/; Secure$/);
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
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await signInRequest(app, '202', `wrong-${i}`)).statusCode);
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
  it('answers 401 without a session on every console API route', async () => {
    const { app } = await consoleDaemon();
    for (const url of ['/console/api/session', '/console/api/events', '/console/api/journal', '/console/api/missed', '/console/api/board', '/console/recordings/x/0', '/console/api/calls/x/caller']) {
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
    expect((await anna.post('/console/api/session/end', undefined, { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await anna.post('/console/api/session/end', undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await anna.get('/console/api/session')).statusCode).toBe(200);
    expect((await anna.post('/console/api/session/end')).statusCode).toBe(200);
    expect((await anna.get('/console/api/session')).statusCode).toBe(401);
  });
});

describe('console recordings', () => {
  async function withRecordedCall(files: string[]) {
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
    for (const i of [0, 1, 2]) expect((await anna.get(`/console/recordings/${callId}/${i}`)).statusCode).toBe(404);
    for (const url of ['/console/recordings/..%2F..%2Fetc/0', '/console/recordings/%2e%2e/0', '/console/recordings/a%00b/0', `/console/recordings/${callId}/..%2f1`]) {
      expect([400, 404]).toContain((await anna.get(url)).statusCode);
    }
  });
});
