import { ContactSchema, errorResponse } from '../api-schemas.js';
import { HttpError } from '../http-error.js';
import { typedSchema } from '../typed-schema.js';
const ContactQuery = typedSchema({
    type: 'object', additionalProperties: false, required: ['phone'],
    properties: { phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' } },
});
const ContactList = typedSchema({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ContactSchema } } });
/** GET /v1/contacts?phone= : what the configured CRM knows about a number. */
export function contactRoutes(contacts) {
    return async (untyped) => {
        const app = untyped.withTypeProvider();
        app.get('/v1/contacts', {
            schema: {
                summary: 'What the CRM knows about a phone number', operationId: 'findContact', tags: ['contacts'],
                querystring: ContactQuery, response: { 200: ContactList, 404: errorResponse('The CRM knows no contact with this number') },
            },
        }, async (req) => {
            const found = await contacts.findByPhone(req.query.phone);
            if (!found)
                throw new HttpError(404, 'not_found', 'no contact with this phone number');
            return { items: [found] };
        });
    };
}
