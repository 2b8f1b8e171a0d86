import { ErrorBodySchema, HttpError } from '../http-error.js';
import { typedSchema } from '../typed-schema.js';
const ResendOneSchema = typedSchema({
    type: 'object', required: ['id', 'status'],
    properties: {
        id: { type: 'string' },
        status: { type: 'string', enum: ['queued', 'already-queued'], description: '`already-queued`: a resend of this call is waiting or running' },
    },
});
const ResendRangeSchema = typedSchema({
    type: 'object', required: ['queued', 'alreadyQueued', 'ids', 'truncated'],
    properties: {
        queued: { type: 'integer' },
        alreadyQueued: { type: 'integer' },
        ids: { type: 'array', items: { type: 'string' }, description: 'the calls resent, oldest end first' },
        truncated: { type: 'boolean', description: 'more calls ended in the range: resend again from the last one\'s end' },
    },
});
const errors = {
    400: { description: 'Bad request', ...ErrorBodySchema },
    401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
};
const ResendParams = typedSchema({
    type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } },
});
const RangeQuery = typedSchema({
    type: 'object', additionalProperties: false, required: ['from', 'to'],
    properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
});
/** POST /v1/calls/:id/resend and POST /v1/calls/resend?from=&to=: journaled calls go to the CRM again, idempotently. */
export function callResendRoutes(resend) {
    return async (untyped) => {
        const app = untyped.withTypeProvider();
        app.post('/v1/calls/resend', {
            schema: {
                summary: 'Sends the calls that ended in [from, to] to the CRM again; steps already done in the CRM are not repeated',
                operationId: 'resendCalls', tags: ['calls'], querystring: RangeQuery,
                response: { 202: ResendRangeSchema, ...errors },
            },
        }, async (req, reply) => {
            const fromMs = Date.parse(req.query.from);
            const toMs = Date.parse(req.query.to);
            if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
                throw new HttpError(400, 'invalid_request', 'from and to must be ISO 8601 date-times');
            if (fromMs > toMs)
                throw new HttpError(400, 'invalid_request', 'from must not be after to');
            return reply.code(202).send(await resend.range(fromMs, toMs));
        });
        app.post('/v1/calls/:id/resend', {
            schema: {
                summary: 'Sends one ended call to the CRM again; steps already done in the CRM are not repeated',
                operationId: 'resendCall', tags: ['calls'], params: ResendParams,
                response: { 202: ResendOneSchema, ...errors, 404: { description: 'No ended call with this id is kept (7 days)', ...ErrorBodySchema } },
            },
        }, async (req, reply) => {
            const r = await resend.one(req.params.id);
            if (!r)
                throw new HttpError(404, 'not_found', `no ended call ${req.params.id} to resend`);
            return reply.code(202).send(r);
        });
    };
}
