import { describe, expect, it, onTestFinished } from 'vitest';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { memoryLogger } from '../../support/ami-replay.js';
import { aReadyReport } from '../../support/ready-report.js';
const TOKEN = 'request-log-test-token-0123456789';
async function appWithLog(level = 'info') {
    const { log, lines } = memoryLogger(level);
    const app = await buildHttpApp({
        apiToken: TOKEN, log, readiness: async () => aReadyReport(),
        journal: { list: async () => { throw new Error('journal down'); }, get: async (id) => (id === 'c1' ? { id, direction: 'inbound', startedAtMs: 1795413735221 } : null) },
        contacts: { findByPhone: async () => null }, metrics: { contentType: 'text/plain', metrics: async () => '' },
    });
    onTestFinished(() => app.close());
    return { app, lines: () => lines().map((l) => JSON.parse(l)) };
}
const auth = { authorization: `Bearer ${TOKEN}` };
describe('request log', () => {
    it('logs one info line per request with method, route pattern, status, duration and request id, never the URL', async () => {
        const { app, lines } = await appWithLog();
        const res = await app.inject({ method: 'GET', url: '/v1/calls/c1?phone=%2B74951234567', headers: { ...auth, 'x-request-id': 'lb-4f2a.9' } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-request-id']).toBe('lb-4f2a.9');
        const requests = lines().filter((l) => l['msg'] === 'request');
        expect(requests).toHaveLength(1);
        expect(requests[0]).toMatchObject({ level: 30, reqId: 'lb-4f2a.9', method: 'GET', route: '/v1/calls/:id', status: 200, durationMs: expect.any(Number) });
        expect(JSON.stringify(lines())).not.toContain('74951234567');
    });
    it('replaces an unsafe or over-long X-Request-Id with a fresh one, and echoes the id it used', async () => {
        const { app, lines } = await appWithLog();
        for (const given of ['a b', 'x'.repeat(65), '<script>', 'id\u00e9']) {
            const res = await app.inject({ method: 'GET', url: '/v1/calls/c1', headers: { ...auth, 'x-request-id': given } });
            const echoed = String(res.headers['x-request-id']);
            expect(echoed).not.toBe(given);
            expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
            expect(lines().at(-1)).toMatchObject({ msg: 'request', reqId: echoed });
        }
        const none = await app.inject({ method: 'GET', url: '/v1/calls/c1', headers: auth });
        expect(String(none.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
    });
    it('gives refusals, unmatched paths and failures a request line, and the error line the same request id', async () => {
        const { app, lines } = await appWithLog();
        await app.inject({ method: 'GET', url: '/v1/calls', headers: { 'x-request-id': 'no-token-1' } });
        await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'lost-1' } });
        await app.inject({ method: 'GET', url: '/v1/calls', headers: { ...auth, 'x-request-id': 'boom-1' } });
        const of = (id) => lines().filter((l) => l['reqId'] === id).map((l) => [l['msg'], l['status'] ?? null, l['route'] ?? null]);
        expect(of('no-token-1')).toEqual([['authentication failed', null, '/v1/calls'], ['request', 401, '/v1/calls']]);
        expect(of('lost-1')).toEqual([['request', 404, 'unmatched']]);
        expect(of('boom-1')).toEqual([['request failed', null, '/v1/calls'], ['request', 500, '/v1/calls']]);
    });
    it('logs successful probe answers at debug only', async () => {
        const { app, lines } = await appWithLog();
        await app.inject({ method: 'GET', url: '/health' });
        await app.inject({ method: 'GET', url: '/ready' });
        expect(lines().filter((l) => l['msg'] === 'request')).toEqual([]);
        const debug = await appWithLog('debug');
        await debug.app.inject({ method: 'GET', url: '/health' });
        expect(debug.lines().filter((l) => l['msg'] === 'request')).toMatchObject([{ level: 20, route: '/health', status: 200 }]);
    });
});
