import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src/http/build-app.js';
import { callTraceRoutes } from '../../../src/http/routes/call-trace.js';
import { personalDataRoutes } from '../../../src/http/routes/personal-data.js';
import { reportRoutes } from '../../../src/http/routes/reports.js';
import { REPORT_COLUMNS } from '../../../src/journal/call-reports.js';
import { isTimeZone, parseReportTime } from '../../../src/journal/report-period.js';
import { toCsv } from '../../../src/journal/report-rows.js';
import { silentLogger } from '../../../src/log.js';
import { aReadyReport } from '../../support/ready-report.js';
const TOKEN = 'report-routes-token-0123456789';
async function app() {
    const asked = [];
    const built = await buildHttpApp({
        apiToken: TOKEN, log: silentLogger(),
        readiness: async () => aReadyReport(),
        journal: { list: async () => ({ items: [], nextCursor: null }), get: async () => null },
        contacts: { findByPhone: async () => null },
        metrics: { contentType: 'text/plain', metrics: async () => '' },
        extraRoutes: [
            reportRoutes({
                rows: async (kind, q) => { asked.push({ kind, ...q }); return [{ line: 'a,b', inbound: 2, talkMeanSec: null }]; },
                columns: (kind) => REPORT_COLUMNS[kind], toCsv, parseTime: parseReportTime, isTimeZone, defaultTz: 'Europe/Moscow', maxDays: 31,
            }),
            callTraceRoutes({ read: async () => null }),
            personalDataRoutes({ erase: async () => ({ calls: 0, traces: 0, contacts: 0, routeCache: 0 }) }),
        ],
    });
    const get = (url, accept) => built.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}`, ...(accept ? { accept } : {}) } });
    return { app: built, get, asked };
}
describe('report routes', () => {
    it('reads the period in tz (default REPORT_TIME_ZONE), to exclusive, and refuses bad periods and zones', async () => {
        const { get, asked } = await app();
        expect((await get('/v1/reports/lines?from=2026-03-01&to=2026-03-02')).json()).toEqual({
            from: '2026-02-28T21:00:00.000Z', to: '2026-03-01T21:00:00.000Z', tz: 'Europe/Moscow', rows: [{ line: 'a,b', inbound: 2, talkMeanSec: null }],
        });
        expect(asked).toEqual([{ kind: 'lines', fromMs: Date.UTC(2026, 1, 28, 21), toMs: Date.UTC(2026, 2, 1, 21), tz: 'Europe/Moscow' }]);
        const bad = [
            'from=2026-03-02&to=2026-03-01', 'from=2026-03-01&to=2026-03-01', 'from=2026-01-01&to=2026-03-01',
            'from=2026-03-01&to=2026-03-02&tz=Nowhere/City', 'to=2026-03-01',
        ];
        for (const q of bad) {
            const res = await get(`/v1/reports/operators?${q}`);
            expect(res.statusCode, q).toBe(400);
            expect(res.json(), q).toMatchObject({ error: { code: 'invalid_request' } });
        }
    });
    it('answers CSV with the report columns for Accept: text/csv', async () => {
        const { get } = await app();
        const res = await get('/v1/reports/lines?from=2026-03-01&to=2026-03-02&tz=UTC', 'text/csv');
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.body).toBe(`${REPORT_COLUMNS.lines.join(',')}\r\n"a,b",2,,,,,,,,,\r\n`);
    });
    it('gives every route a summary, an operationId and error responses in the shared shape in the OpenAPI document', async () => {
        const { app: built } = await app();
        const doc = (await built.inject({ method: 'GET', url: '/openapi.json' })).json();
        const ours = [['/v1/reports/operators', 'get'], ['/v1/reports/lines', 'get'], ['/v1/reports/queues', 'get'], ['/v1/reports/hours', 'get'],
            ['/v1/calls/{id}/trace', 'get'], ['/v1/contacts/{phone}/personal-data', 'delete']];
        const ids = new Set();
        for (const [path, method] of ours) {
            const op = doc.paths[path]?.[method];
            expect(op?.summary, path).toEqual(expect.any(String));
            expect(op?.operationId, path).toEqual(expect.any(String));
            ids.add(op?.operationId ?? '');
            expect(Object.keys(op?.responses ?? {}), path).toEqual(expect.arrayContaining(['200', '400', '401']));
            expect(op?.responses['400']?.content?.['application/json']?.schema, path).toEqual({ $ref: '#/components/schemas/ErrorBody' });
        }
        expect(ids.size).toBe(ours.length);
        expect(doc.paths['/v1/reports/lines']?.['get']?.responses['200']?.content).toHaveProperty('text/csv');
    });
});
