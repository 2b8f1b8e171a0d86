import { ErrorBodySchema } from '../http-error.js';
import { reportQuery } from '../report-query.js';
const num = { type: ['number', 'null'] };
const Row = {
    type: 'object',
    properties: {
        extension: { type: 'string' }, name: { type: ['string', 'null'] }, line: { type: 'string' }, queue: { type: 'string' }, hour: { type: 'integer' },
        inbound: { type: 'integer' }, answered: { type: 'integer' }, missed: { type: 'integer' }, missedOpen: { type: 'integer' },
        outbound: { type: 'integer' }, talkSec: { type: 'integer' }, talkMeanSec: num, answerWaitMeanSec: num, answerWaitP90Sec: num, answeredWithinShare: num,
    },
};
const Report = {
    type: 'object',
    required: ['from', 'to', 'tz', 'rows'],
    properties: { from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' }, rows: { type: 'array', items: Row } },
};
const Query = {
    type: 'object',
    additionalProperties: false,
    required: ['from', 'to'],
    properties: {
        from: { type: 'string', minLength: 10, maxLength: 40, description: 'ISO 8601 date or date-time, read in tz (inclusive)' },
        to: { type: 'string', minLength: 10, maxLength: 40, description: 'ISO 8601 date or date-time, read in tz (exclusive)' },
        tz: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone (default REPORT_TIME_ZONE)' },
        format: { type: 'string', enum: ['json', 'csv'], description: 'csv: the same columns as text/csv (also with Accept: text/csv)' },
    },
};
const SUMMARY = {
    operators: 'Calls per operator (the journal agent)', lines: 'Calls per line', queues: 'Calls per queue', hours: 'Calls per hour of the day in tz',
};
const OPERATION_ID = {
    operators: 'reportOperators', lines: 'reportLines', queues: 'reportQueues', hours: 'reportHours',
};
function wantsCsv(req) {
    if (req.query.format)
        return req.query.format === 'csv';
    return (req.headers.accept ?? '').includes('text/csv');
}
/** GET /v1/reports/{operators,lines,queues,hours}?from=&to=[&tz=][&format=csv]: figures from the report counters. */
export function reportRoutes(source) {
    return async (app) => {
        for (const kind of ['operators', 'lines', 'queues', 'hours']) {
            app.get(`/v1/reports/${kind}`, {
                schema: {
                    summary: SUMMARY[kind], operationId: OPERATION_ID[kind], tags: ['reports'], querystring: Query,
                    response: {
                        200: { description: 'The report (JSON, or CSV with the same columns)', content: { 'application/json': { schema: Report }, 'text/csv': { schema: { type: 'string' } } } },
                        400: { description: 'Bad period or time zone', ...ErrorBodySchema },
                        401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
                    },
                },
            }, async (req, reply) => {
                const q = reportQuery(source, req.query);
                const { tz } = q;
                const rows = await source.rows(kind, q);
                if (wantsCsv(req)) {
                    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind}.csv"`)
                        .send(source.toCsv(source.columns(kind), rows));
                }
                return { from: new Date(q.fromMs).toISOString(), to: new Date(q.toMs).toISOString(), tz, rows };
            });
        }
    };
}
