import { ErrorBodySchema, HttpError } from '../http-error.js';
const Entry = { type: 'object', additionalProperties: true, properties: { kind: { type: 'string' }, atMs: { type: 'number' } } };
const Trace = {
    type: 'object',
    required: ['callId', 'mergedFrom', 'amiEvents', 'decisions'],
    properties: {
        callId: { type: 'string' },
        mergedFrom: { type: 'array', items: { type: 'string' } },
        amiEvents: { type: 'array', items: Entry },
        decisions: { type: 'array', items: Entry },
    },
};
/** GET /v1/calls/:id/trace: why the bridge did what it did with one call (kept CALL_TRACE_TTL_HOURS). */
export function callTraceRoutes(traces) {
    return async (app) => {
        app.get('/v1/calls/:id/trace', {
            schema: {
                summary: 'The trace of one call: AMI events, tracker decisions, the responsible rule, CRM requests',
                operationId: 'getCallTrace', tags: ['calls'],
                params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } }, required: ['id'] },
                response: {
                    200: { description: 'The trace, entries oldest first', ...Trace },
                    400: { description: 'Bad call id', ...ErrorBodySchema },
                    401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
                    404: { description: 'No trace kept for this call (unknown, or older than CALL_TRACE_TTL_HOURS)', ...ErrorBodySchema },
                },
            },
        }, async (req) => {
            const trace = await traces.read(req.params.id);
            if (!trace)
                throw new HttpError(404, 'not_found', `no trace kept for call ${req.params.id}`);
            return trace;
        });
    };
}
