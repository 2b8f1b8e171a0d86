import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestDaemon } from '../../support/test-daemon.js';
/** The real daemon (every route plugin registered), Bitrix24 event route included. */
async function openapiOfDaemon() {
    const daemon = await startTestDaemon({ amiPort: await freePort(), env: { BITRIX24_APPLICATION_TOKEN: 'openapi-lint-app-token' } });
    const res = await daemon.get('/openapi.json', null);
    expect(res.status).toBe(200);
    return { text: res.text, paths: JSON.parse(res.text).paths };
}
describe('the OpenAPI document of the running daemon', () => {
    it("passes Redocly's recommended rules with no error and no warning", async () => {
        const { text } = await openapiOfDaemon();
        const config = await createConfig({ extends: ['recommended'] });
        const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
        const shown = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer ?? '').join(',')}`);
        expect(shown).toEqual([]);
    });
    it('gives every operation an id, a summary, a success response with a schema, the shared error schema, and its security', async () => {
        const { paths } = await openapiOfDaemon();
        const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ at: `${method} ${path}`, op })));
        expect(ops.length).toBeGreaterThanOrEqual(9);
        for (const { at, op } of ops) {
            expect(op.operationId, at).toMatch(/^[a-z][A-Za-z0-9]+$/);
            expect(op.summary, at).toBeTruthy();
            const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
            expect(success.length, at).toBeGreaterThan(0);
            for (const [code, r] of success)
                expect(Object.values(r.content ?? {}).every((c) => c.schema !== undefined), `${at} ${code}`).toBe(true);
            expect(JSON.stringify(op.responses?.['401'] ?? op.responses?.['400'] ?? op.responses?.['404']), at).toContain('#/components/schemas/ErrorBody');
        }
        const publicOps = ['get /health', 'get /ready', 'get /metrics', 'post /v1/crm/bitrix24/events'];
        for (const { at, op } of ops)
            expect(op.security, at).toEqual(publicOps.includes(at) ? [] : [{ bearer: [] }]);
    });
});
