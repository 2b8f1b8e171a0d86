import { ErrorBodySchema, HttpError } from '../http-error.js';
const CalledBack = {
    type: ['object', 'null'], required: ['atMs', 'by', 'callId'],
    properties: { atMs: { type: 'number' }, by: { type: ['string', 'null'] }, callId: { type: 'string', description: '`manual`: closed by hand' } },
};
const Missed = {
    type: 'object', additionalProperties: true, required: ['id', 'owner', 'open', 'calledBack'],
    properties: {
        id: { type: 'string' }, owner: { type: ['string', 'null'], description: 'the missed call\'s owner (docs/notifications.md)' },
        open: { type: 'boolean' }, calledBack: CalledBack, shortAbandon: { type: 'boolean' }, outOfHours: { type: 'boolean' },
    },
};
const errors = {
    400: { description: 'Bad request', ...ErrorBodySchema },
    401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
};
const view = (r) => ({ ...r, owner: r.agent, open: !r.calledBack, calledBack: r.calledBack ?? null });
/** GET /v1/missed and POST /v1/missed/:id/done: missed calls as work items (the console's "Missed calls" page). */
export function missedCallRoutes(source) {
    return async (app) => {
        app.get('/v1/missed', {
            schema: {
                summary: 'Missed inbound calls, newest first: one per call, with its owner and whether it was called back',
                operationId: 'listMissedCalls', tags: ['calls'],
                querystring: {
                    type: 'object', additionalProperties: false,
                    properties: {
                        owner: { type: 'string', pattern: '^\\d{1,9}$' }, open: { type: 'boolean' },
                        limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, cursor: { type: 'string', maxLength: 400 },
                    },
                },
                response: {
                    200: { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: Missed }, nextCursor: { type: ['string', 'null'] } } },
                    ...errors,
                },
            },
        }, async (req) => {
            const { owner, open, limit = 50, cursor } = req.query;
            const page = await source.list({ ...(owner ? { owner } : {}), ...(open === undefined ? {} : { open }), limit, cursor: cursor ?? null });
            return { items: page.items.map(view), nextCursor: page.nextCursor };
        });
        app.post('/v1/missed/:id/done', {
            schema: {
                summary: 'Marks an open missed call done by hand: it stops being notified and its CRM call-back task is completed',
                operationId: 'closeMissedCall', tags: ['calls'],
                params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } } },
                body: { type: ['object', 'null'], additionalProperties: false, properties: { by: { type: 'string', pattern: '^\\d{1,9}$' } } },
                response: {
                    200: Missed, ...errors,
                    404: { description: 'No missed call with this id', ...ErrorBodySchema },
                    409: { description: 'The missed call is closed already', ...ErrorBodySchema },
                },
            },
        }, async (req) => {
            const known = await source.get(req.params.id);
            if (!known)
                throw new HttpError(404, 'not_found', `no missed call ${req.params.id}`);
            const closed = await source.done(req.params.id, req.body?.by ?? null);
            if (!closed)
                throw new HttpError(409, 'already_closed', `missed call ${req.params.id} is closed already`);
            return view(closed);
        });
    };
}
