import { routeAsText, routeAsVars, TEXT_FIELDS } from './route-text.js';
/** Longest caller number or DID looked up; a longer (spoofed) value is "no usable number", never a 400. */
const MAX_PHONE_CHARS = 64;
/** The value as the dialplan sent it: the first if repeated, '' when over-long (the router answers `invalid`). */
function firstOf(value) {
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first.length > MAX_PHONE_CHARS ? '' : first;
}
const nullable = (type) => ({ type: [type, 'null'] });
const RouteAnswerSchema = {
    type: 'object',
    properties: {
        extension: nullable('string'), userId: nullable('string'), name: nullable('string'), source: { type: 'string' },
        callerName: nullable('string'), open: { type: 'boolean' },
        destination: {
            type: ['object', 'null'], properties: { context: { type: 'string' }, exten: { type: 'string' } }, required: ['context', 'exten'],
        },
        rule: nullable('string'), dialSeconds: { type: 'integer' },
    },
};
const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
function formatOf(req) {
    if (req.query.format)
        return req.query.format;
    const accept = req.headers.accept ?? '';
    return accept.includes('text/plain') && !accept.includes('application/json') ? 'text' : 'json';
}
/**
 * GET /v1/route?phone=<caller>&did=<line>[&format=text|vars][&field=…]: where the dialplan sends the call.
 * Always 200 within the router's deadline. `format=text` is the extension's digits or nothing (as ever), or the
 * one `field` asked for; `format=vars` is one comma-separated line for Set(ARRAY(…)=${CURL(…)}) (route-text.ts).
 * No text answer holds a message a FILTER() could turn into digits.
 */
export function routeLookupRoutes(deps) {
    return async (app) => {
        app.get('/v1/route', {
            onResponse: async (_req, reply) => { deps.onAnswered?.(reply.elapsedTime); },
            schema: {
                summary: 'Route an inbound call: responsible, caller name, working hours, client rules', operationId: 'routeCall', tags: ['call control'],
                querystring: {
                    type: 'object',
                    properties: {
                        // no length or type limits on phone/did: a caller-controlled value must never turn the answer into a
                        // 400 whose JSON text a dialplan FILTER(0123456789,…) would make into digits (e.g. "…more than 64…")
                        phone: stringOrList,
                        did: stringOrList,
                        format: { type: 'string', enum: ['json', 'text', 'vars'] },
                        field: { type: 'string', enum: [...TEXT_FIELDS] },
                    },
                },
                response: { 200: RouteAnswerSchema }, // 400/401: the shared error body (openapi-setup.ts)
            },
        }, async (req, reply) => {
            const did = firstOf(req.query.did);
            const found = await deps.router.lookup(firstOf(req.query.phone), did === '' ? null : did);
            const format = formatOf(req);
            if (format === 'text')
                return reply.type('text/plain; charset=utf-8').send(routeAsText(found, req.query.field ?? 'extension'));
            if (format === 'vars')
                return reply.type('text/plain; charset=utf-8').send(routeAsVars(found));
            return { ...found, dialSeconds: deps.dialSeconds };
        });
    };
}
