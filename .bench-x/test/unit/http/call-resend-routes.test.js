import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { callResendRoutes } from '../../../src/http/routes/call-resend.js';
import { silentLogger } from '../../../src/log.js';
import { aReadyReport } from '../../support/ready-report.js';
const TOKEN = 'resend-routes-token-0123456789';
async function app() {
    const ranges = [];
    const built = await buildHttpApp({
        apiToken: TOKEN, log: silentLogger(), readiness: async () => aReadyReport(),
        journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
        contacts: { findByPhone: async () => null }, metrics: { contentType: 'text/plain', metrics: async () => '' },
        extraRoutes: [callResendRoutes({
                one: async (id) => (id === '1795413735.0' ? { id, status: 'queued' } : null),
                range: async (fromMs, toMs) => { ranges.push([fromMs, toMs]); return { queued: 2, alreadyQueued: 0, ids: ['a', 'b'], truncated: false }; },
            })],
    });
    const post = (url, token = TOKEN) => built.inject({ method: 'POST', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { post, ranges };
}
describe('resend routes', () => {
    it('resend one call: 202 queued, 404 for an unknown call, 401 without the bearer token', async () => {
        const { post } = await app();
        const ok = await post('/v1/calls/1795413735.0/resend');
        expect([ok.statusCode, ok.json()]).toEqual([202, { id: '1795413735.0', status: 'queued' }]);
        expect((await post('/v1/calls/1795400000.9/resend')).statusCode).toBe(404);
        expect((await post('/v1/calls/1795413735.0/resend', null)).statusCode).toBe(401);
        expect((await post('/v1/calls/1795413735.0/resend', 'wrong-token-0123456789')).statusCode).toBe(401);
    });
    it('resend a range: 202 with the calls, 400 for a missing, malformed or reversed range, 401 without the token', async () => {
        const { post, ranges } = await app();
        const ok = await post('/v1/calls/resend?from=2026-11-23T06:00:00Z&to=2026-11-23T07:00:00Z');
        expect([ok.statusCode, ok.json()]).toEqual([202, { queued: 2, alreadyQueued: 0, ids: ['a', 'b'], truncated: false }]);
        expect(ranges).toEqual([[Date.parse('2026-11-23T06:00:00Z'), Date.parse('2026-11-23T07:00:00Z')]]);
        for (const q of ['', '?from=2026-11-23T06:00:00Z', '?from=yesterday&to=2026-11-23T07:00:00Z', '?from=2026-11-23T08:00:00Z&to=2026-11-23T07:00:00Z']) {
            const r = await post(`/v1/calls/resend${q}`);
            expect(r.statusCode, q).toBe(400);
            expect(r.json(), q).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        expect((await post('/v1/calls/resend?from=2026-11-23T06:00:00Z&to=2026-11-23T07:00:00Z', null)).statusCode).toBe(401);
    });
});
