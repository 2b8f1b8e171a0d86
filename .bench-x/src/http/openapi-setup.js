import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_BODY_ID, ErrorBodySchema } from './api-schemas.js';
const ERROR_REF = { $ref: `${ERROR_BODY_ID}#` };
const ERROR_RESPONSES = {
    400: 'The request is not valid (parameters, body or URL encoding)',
    401: 'Missing or wrong credentials',
    404: 'Not found',
    429: 'Rate limit reached; retry later',
    500: 'Internal error; the daemon log has the details (by request id)',
};
/** The error answers a route can give: every route 400 and 500, guarded ones 401, rate-limited ones 429, ones with path params 404. */
function errorCodesOf(route) {
    const codes = ['400', '500'];
    if ((route.config?.auth ?? 'bearer') !== 'public')
        codes.push('401');
    if (route.url.includes(':'))
        codes.push('404');
    if (route.config && 'rateLimit' in route.config)
        codes.push('429');
    return codes;
}
/**
 * onRoute step before @fastify/swagger reads the schema: public routes say so (`security: []`), and every documented
 * route gets the shared error body for the 4xx/5xx answers the app's error handlers give (unless it declares its own).
 */
export function documentRoute(route) {
    // every operation states its security: the bearer token, or none (public, or authenticated by the route itself)
    route.schema = { ...route.schema, security: (route.config?.auth ?? 'bearer') === 'bearer' ? [{ bearer: [] }] : [] };
    if (route.schema?.hide === true || route.schema === undefined)
        return;
    const declared = (route.schema.response ?? {});
    const errors = Object.fromEntries(errorCodesOf(route).filter((c) => !(c in declared))
        .map((c) => [c, { description: ERROR_RESPONSES[c], ...ERROR_REF }]));
    route.schema = { ...route.schema, response: { ...declared, ...errors } };
}
/** The OpenAPI document (GET /openapi.json) and Swagger UI (GET /docs), both public: they hold no data. */
export async function registerOpenApi(app, version) {
    app.addSchema(ErrorBodySchema);
    await app.register(swagger, {
        openapi: {
            info: {
                title: 'pbx-crm-bridge', version, description: 'Call journal, contacts, click-to-call and responsible routing',
                license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
            },
            servers: [{ url: '/', description: 'this daemon (HTTP_HOST:HTTP_PORT)' }],
            components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' } } },
            security: [{ bearer: [] }],
        },
        refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    });
    await app.register(async (docs) => {
        docs.addHook('onRoute', (route) => { route.config = { ...route.config, auth: 'public' }; });
        await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    });
    app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
}
