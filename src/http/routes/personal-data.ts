import type { FastifyInstance } from 'fastify';
import { ErrorBodySchema } from '../http-error.js';

export interface ErasedCounts {
  readonly calls: number;
  readonly traces: number;
  readonly contacts: number;
  readonly routeCache: number;
}

export interface PersonalDataEraser {
  /** Normalises the number (HttpError 400 when it cannot) and erases it everywhere the bridge keeps it. */
  erase(phone: string): Promise<ErasedCounts>;
}

const Count = { type: 'integer', minimum: 0 } as const;

/** DELETE /v1/contacts/:phone/personal-data: erases a number from the journal, traces, local contacts and route cache. */
export function personalDataRoutes(eraser: PersonalDataEraser) {
  return async (app: FastifyInstance): Promise<void> => {
    app.delete<{ Params: { phone: string } }>('/v1/contacts/:phone/personal-data', {
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
