import { CallRecordSchema } from '../api-schemas.js';
import { HttpError } from '../http-error.js';
import { typedSchema } from '../typed-schema.js';
const ListQuery = typedSchema({
    type: 'object',
    additionalProperties: false,
    properties: {
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        cursor: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_=-]*$' },
        phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' },
        extension: { type: 'string', pattern: '^[0-9]{1,9}$' },
        disposition: { type: 'string', enum: ['answered', 'missed', 'busy', 'noanswer', 'failed', 'cancelled'] },
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
    },
});
const CallPage = typedSchema({
    type: 'object', required: ['items', 'nextCursor'],
    properties: {
        items: { type: 'array', items: CallRecordSchema },
        nextCursor: { type: ['string', 'null'], description: 'pass as `cursor` for the next (older) page; null on the last page' },
    },
});
const CallParams = typedSchema({
    type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } },
});
function toMs(value, name) {
    if (value === undefined)
        return undefined;
    const ms = Date.parse(value);
    if (!Number.isFinite(ms))
        throw new HttpError(400, 'invalid_request', `${name} must be an ISO 8601 date-time`);
    return ms;
}
/** GET /v1/calls (newest first, cursor paging, filters) and GET /v1/calls/:id. */
export function callRoutes(journal) {
    return async (untyped) => {
        const app = untyped.withTypeProvider();
        app.get('/v1/calls', {
            schema: {
                summary: 'List ended calls, newest first (cursor paging, filters)', operationId: 'listCalls', tags: ['calls'],
                querystring: ListQuery, response: { 200: CallPage },
            },
        }, async (req) => {
            const q = req.query;
            const fromMs = toMs(q.from, 'from');
            const toMsValue = toMs(q.to, 'to');
            if (fromMs !== undefined && toMsValue !== undefined && fromMs > toMsValue)
                throw new HttpError(400, 'invalid_request', 'from must not be after to');
            const page = await journal.list({
                limit: q.limit, cursor: q.cursor, phone: q.phone, extension: q.extension, disposition: q.disposition, fromMs, toMs: toMsValue,
            });
            return { items: page.items, nextCursor: page.nextCursor };
        });
        app.get('/v1/calls/:id', {
            schema: {
                summary: 'One ended call by its id (the PBX linkedid)', operationId: 'getCall', tags: ['calls'],
                params: CallParams, response: { 200: CallRecordSchema },
            },
        }, async (req) => {
            const call = await journal.get(req.params.id);
            if (!call)
                throw new HttpError(404, 'not_found', `no call ${req.params.id}`);
            return call;
        });
    };
}
