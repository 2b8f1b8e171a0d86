import { typedSchema } from './typed-schema.js';
/** `$id` of the shared error body every route answers with on 4xx/5xx (`{error: {code, message}}`). */
export const ERROR_BODY_ID = 'ErrorBody';
export const ErrorBodySchema = typedSchema({
    $id: ERROR_BODY_ID,
    type: 'object', required: ['error'], description: 'Every 4xx and 5xx answer; 5xx messages never carry internal details',
    properties: {
        error: {
            type: 'object', required: ['code', 'message'],
            properties: {
                code: { type: 'string', description: 'stable machine-readable code, e.g. `invalid_request`, `unauthorized`, `not_found`' },
                message: { type: 'string', description: 'what went wrong, safe to show' },
            },
        },
    },
});
const nullableString = { type: ['string', 'null'] };
const nullableInteger = { type: ['integer', 'null'] };
const looseObject = { type: 'object', additionalProperties: true };
/** One ended call as the journal keeps it (docs/webhook.md and the README describe the fields). */
export const CallRecordSchema = typedSchema({
    type: 'object', additionalProperties: true,
    required: ['id', 'direction', 'startedAtMs'],
    properties: {
        id: { type: 'string', description: 'the PBX linkedid' },
        direction: { type: 'string', enum: ['inbound', 'outbound', 'internal'] },
        externalNumber: { ...nullableString, description: 'E.164' },
        line: nullableString, callerExtension: nullableString, agent: nullableString,
        rang: { type: 'array', items: looseObject },
        startedAtMs: { type: 'integer' }, answeredAtMs: nullableInteger, endedAtMs: nullableInteger,
        ringDurationSec: nullableInteger, talkDurationSec: nullableInteger,
        disposition: { type: ['string', 'null'], enum: ['answered', 'missed', 'busy', 'noanswer', 'failed', 'cancelled', null] },
        hangupCause: nullableInteger, recordingFile: nullableString,
        recordingFiles: { type: 'array', items: { type: 'string' } },
        queue: nullableString,
        transfers: { type: 'array', items: looseObject },
        crm: {
            type: ['object', 'null'], required: ['adapter', 'crmCallId', 'entity'], description: 'where the call went in the CRM',
            properties: {
                adapter: { type: 'string' }, crmCallId: { type: 'string' },
                entity: { type: ['object', 'null'], required: ['kind', 'id'], properties: { kind: { type: 'string' }, id: { type: 'string' } } },
            },
        },
        endedUnobserved: { type: 'boolean' }, endReason: { type: 'string' }, answerUnobserved: { type: 'boolean' },
    },
});
/** What the CRM knows about a number (the adapter's match, with the normalised phone). */
export const ContactSchema = typedSchema({
    type: 'object', additionalProperties: true, required: ['phone'],
    properties: {
        phone: { type: 'string', description: 'E.164' },
        entity: { type: 'object', additionalProperties: true, properties: { kind: { type: 'string' }, id: { type: 'string' } } },
        name: nullableString, responsibleExtension: nullableString,
    },
});
/** A documented error answer with the shared body, for the codes a route gives beyond the common ones. */
export function errorResponse(description) {
    return { description, $ref: `${ERROR_BODY_ID}#` };
}
