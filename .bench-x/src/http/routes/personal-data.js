import { ErrorBodySchema } from '../http-error.js';
const Count = { type: 'integer', minimum: 0 };
/** DELETE /v1/contacts/:phone/personal-data: erases a number from the journal, traces, local contacts and route cache. */
export function personalDataRoutes(eraser) {
    return async (app) => {
        app.delete('/v1/contacts/:phone/personal-data', {
            schema: {
                summary: 'Erase a phone number: its calls in the journal, their traces, local CRM contacts and the cached responsible',
                operationId: 'erasePersonalData', tags: ['contacts'],
                params: { type: 'object', required: ['phone'], properties: { phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' } } },
                response: {
                    200: {
                        description: 'What was removed (report figures stay: they hold no number)',
                        type: 'object', required: ['removed'],
                        properties: { removed: { type: 'object', required: ['calls', 'traces', 'contacts', 'routeCache'], properties: { calls: Count, traces: Count, contacts: Count, routeCache: Count } } },
                    },
                    400: { description: 'Not a phone number', ...ErrorBodySchema },
                    401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
                },
            },
        }, async (req) => ({ removed: await eraser.erase(req.params.phone) }));
    };
}
