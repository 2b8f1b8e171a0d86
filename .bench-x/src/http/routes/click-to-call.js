import { PermanentError } from '../../errors.js';
import { registerDialRateLimit } from '../dial-rate-limit.js';
import { errorResponse } from '../api-schemas.js';
import { HttpError } from '../http-error.js';
const OriginateBodySchema = {
    type: 'object', additionalProperties: false, required: ['from', 'to'],
    properties: {
        from: {
            anyOf: [
                { type: 'string', minLength: 1, maxLength: 16 },
                {
                    type: 'object', additionalProperties: false, minProperties: 1, maxProperties: 1,
                    properties: { extension: { type: 'string', maxLength: 16 }, crmUserId: { type: 'string', minLength: 1, maxLength: 64 } },
                },
            ],
        },
        to: { type: 'string', minLength: 1, maxLength: 32 },
        callerId: { type: 'string', maxLength: 64 },
        crmCallId: { type: 'string', maxLength: 128 },
        variables: { type: 'object', maxProperties: 10, additionalProperties: { type: 'string', maxLength: 256 } },
        pbx: { type: 'string', minLength: 1, maxLength: 32, description: 'which of the tenant\'s PBXs places the call (a deployment file\'s PBX id); the first one when omitted' },
    },
};
const CallAcceptedSchema = {
    type: 'object', required: ['callId'], properties: { callId: { type: 'string' }, extension: { type: 'string' } },
};
/** Resolves `from` to an extension: a plain string or `{extension}` as is, `{crmUserId}` through the CRM user map. */
export async function extensionOfCaller(from, users) {
    if (typeof from === 'string')
        return from;
    if (from.extension !== undefined)
        return from.extension;
    const userId = from.crmUserId ?? '';
    let extension;
    try {
        extension = await users.extensionOfUser(userId);
    }
    catch (err) {
        if (err instanceof PermanentError)
            throw new HttpError(422, 'unknown_user', 'the CRM refused the user lookup');
        throw new HttpError(503, 'crm_unavailable', 'the CRM did not answer the user lookup; try again later');
    }
    if (!extension)
        throw new HttpError(422, 'unknown_user', 'this CRM user has no extension; map it in the rules file (users) or in the CRM');
    return extension;
}
/**
 * POST /v1/originate {from, to, callerId?, crmCallId?, variables?} → 202 {callId}: the operator's phone rings first,
 * then `to` is dialled. Bearer token, per-token and per-extension rate limits, and the dial guard apply.
 */
export function clickToCallRoutes(deps) {
    return async (app) => {
        const limits = await registerDialRateLimit(app, deps.rateLimit);
        app.post('/v1/originate', {
            config: { rateLimit: limits.perCaller() },
            schema: {
                summary: "Click-to-call: ring the operator's phone, then dial the number", operationId: 'originateCall', tags: ['call control'],
                body: OriginateBodySchema,
                response: {
                    202: CallAcceptedSchema, 403: errorResponse('The dial guard refuses this destination or extension'),
                    404: errorResponse('No PBX of this tenant has that id'),
                    422: errorResponse('Unknown CRM user, or no extension for it'), 502: errorResponse('The PBX refused the Originate'),
                    503: errorResponse('AMI or the CRM is unavailable; retry later'), 504: errorResponse('The PBX did not answer the Originate in time'),
                },
            },
        }, async (req, reply) => {
            const extension = deps.guard.checkExtension(await extensionOfCaller(req.body.from, deps.users));
            await limits.checkExtension(req, extension);
            const dial = deps.guard.check({
                extension, to: req.body.to, callerIdName: req.body.callerId, crmCallId: req.body.crmCallId, variables: req.body.variables,
            });
            const call = await deps.originator.place(dial, req.body.pbx === undefined ? {} : { pbx: req.body.pbx });
            return reply.code(202).send({ callId: call.callId, extension });
        });
    };
}
