import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error.js';

export interface ContactLookup {
  /** Normalises the phone and asks the CRM; null when unknown. Throws HttpError(400) for a number that cannot be normalised. */
  findByPhone(phone: string): Promise<object | null>;
}

/** GET /v1/contacts?phone= : what the configured CRM knows about a number. */
export function contactRoutes(contacts: ContactLookup) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { phone: string } }>('/v1/contacts', {
      schema: {
        querystring: {
          type: 'object', additionalProperties: false, required: ['phone'],
          properties: { phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' } },
        },
      },
    }, async (req) => {
      const found = await contacts.findByPhone(req.query.phone);
      if (!found) throw new HttpError(404, 'not_found', 'no contact with this phone number');
      return { items: [found] };
    });
  };
}
