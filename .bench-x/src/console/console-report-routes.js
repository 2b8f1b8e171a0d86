import { reportQuery } from '../http/report-query.js';
const num = { type: ['number', 'null'] };
const Figures = {
    inbound: { type: 'integer' }, answered: { type: 'integer' }, missed: { type: 'integer' }, missedOpen: { type: 'integer' }, outbound: { type: 'integer' },
    talkSec: { type: 'integer' }, talkMeanSec: num, answerWaitMeanSec: num, answerWaitP90Sec: num, answeredWithinShare: num,
};
const Reports = {
    type: 'object', required: ['from', 'to', 'tz', 'hours', 'operators'],
    properties: {
        from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' },
        hours: { type: 'array', items: { type: 'object', properties: { hour: { type: 'integer' }, ...Figures } } },
        operators: { type: 'array', items: { type: 'object', properties: { extension: { type: 'string' }, name: { type: 'string' }, ...Figures } } },
    },
};
/**
 * GET /console/api/reports?from=&to=[&tz=]: the supervisors' reports page (the console session, not the bearer API):
 * calls per hour of the day and the operators' figures, from the same report counters as /v1/reports.
 */
export function consoleReportRoutes(deps) {
    const { reports } = deps;
    return async (app) => {
        app.get('/console/api/reports', {
            schema: {
                summary: 'Console reports: calls per hour, answered and missed and time to answer per operator (supervisors)', operationId: 'consoleReports', tags: ['console'],
                querystring: {
                    type: 'object', additionalProperties: false, required: ['from', 'to'],
                    properties: { from: { type: 'string', minLength: 10, maxLength: 40 }, to: { type: 'string', minLength: 10, maxLength: 40 }, tz: { type: 'string', minLength: 1, maxLength: 64 } },
                },
                response: { 200: Reports },
            },
            config: { auth: 'own', console: 'supervisor' },
        }, async (req) => {
            const q = reportQuery(reports, req.query);
            const { tz } = q;
            const [hours, operators] = await Promise.all([reports.rows('hours', q), reports.rows('operators', q)]);
            return {
                from: req.query.from, to: req.query.to, tz, hours,
                operators: operators.map((r) => ({ ...r, name: deps.users.nameOf(String(r['extension'])) })),
            };
        });
    };
}
