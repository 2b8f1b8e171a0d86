import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { silentLogger } from '../../../src/log.js';
import { aReadyReport } from '../../support/ready-report.js';
describe('GET /openapi.json', () => {
    it('describes the routes from their schemas, without a token', async () => {
        const app = await buildHttpApp({
            apiToken: 'openapi-test-token-0123456789', log: silentLogger(),
            readiness: async () => aReadyReport(),
            journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
            contacts: { findByPhone: async () => null },
            metrics: { contentType: 'text/plain', metrics: async () => '' },
        });
        const res = await app.inject({ method: 'GET', url: '/openapi.json' });
        expect(res.statusCode).toBe(200);
        const doc = res.json();
        expect(doc.openapi).toMatch(/^3\./);
        expect(doc.paths['/health']?.['get']?.security).toEqual([]); // public: no bearer token
        expect(doc.paths['/v1/calls']?.['get']?.security).toEqual([{ bearer: [] }]); // each operation states it
        expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/calls', '/v1/calls/{id}', '/v1/contacts', '/health', '/ready']));
        await app.close();
    });
});
