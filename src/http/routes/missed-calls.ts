import type { FastifyInstance } from 'fastify';
import { ErrorBodySchema, HttpError } from '../http-error.js';

/** A missed call as the journal keeps it (src/journal/call-record.ts); the route only passes it on. */
export interface MissedCallItem {
  readonly id: string;
  readonly agent: string | null;
  readonly calledBack?: { readonly atMs: number; readonly by: string | null; readonly callId: string } | null;
}

/** What the missed-calls routes need, handed in by the daemon (journal + sync). */
export interface MissedCallsSource {
  list(q: { owner?: string; open?: boolean; limit: number; cursor: string | null }): Promise<{ items: MissedCallItem[]; nextCursor: string | null }>;
  get(id: string): Promise<MissedCallItem | null>;
  /** Closes an open missed call by hand (CRM task too); null when it is not an open missed call. */
  done(id: string, by: string | null): Promise<MissedCallItem | null>;
}

const CalledBack = {
  type: ['object', 'null'], required: ['atMs', 'by', 'callId'],
  properties: { atMs: { type: 'number' }, by: { type: ['string', 'null'] }, callId: { type: 'string', description: '`manual`: closed by hand' } },
} as const;

const Missed = {
  type: 'object', additionalProperties: true, required: ['id', 'owner', 'open', 'calledBack'],
  properties: {
    id: { type: 'string' }, owner: { type: ['string', 'null'], description: 'the missed call\'s owner (docs/notifications.md)' },
    open: { type: 'boolean' }, calledBack: CalledBack, shortAbandon: { type: 'boolean' }, outOfHours: { type: 'boolean' },
  },
} as const;

const errors = {
  400: { description: 'Bad request', ...ErrorBodySchema },
  401: { description: 'Missing or wrong bearer token', ...ErrorBodySchema },
} as const;

const view = (r: MissedCallItem) => ({ ...r, owner: r.agent, open: !r.calledBack, calledBack: r.calledBack ?? null });

/** GET /v1/missed and POST /v1/missed/:id/done: missed calls as work items (the console's "Missed calls" page). */
export function missedCallRoutes(source: MissedCallsSource) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { owner?: string; open?: boolean; limit?: number; cursor?: string } }>('/v1/missed', {
      schema: {
        summary: 'Missed inbound calls, newest first: one per call, with its owner and whether it was called back',
        operationId: 'listMissedCalls', tags: ['calls'],
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            owner: { type: 'string', pattern: '^\\d{1,9}$' }, open: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, cursor: { type: 'string', maxLength: 400 },
          },
        },
        response: {
          200: { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: Missed }, nextCursor: { type: ['string', 'null'] } } },
          ...errors,
        },
      },
    }, async (req) => {
      const { owner, open, limit = 50, cursor } = req.query;
      const page = await source.list({ ...(owner ? { owner } : {}), ...(open === undefined ? {} : { open }), limit, cursor: cursor ?? null });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    });
    app.post<{ Params: { id: string }; Body: { by?: string } | undefined }>('/v1/missed/:id/done', {
      schema: {
        summary: 'Marks an open missed call done by hand: it stops being notified and its CRM call-back task is completed',
        operationId: 'closeMissedCall', tags: ['calls'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._~-]+$' } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { by: { type: 'string', pattern: '^\\d{1,9}$' } } },
        response: {
          200: Missed, ...errors,
          404: { description: 'No missed call with this id', ...ErrorBodySchema },
          409: { description: 'The missed call is closed already', ...ErrorBodySchema },
        },
      },
    }, async (req) => {
      const known = await source.get(req.params.id);
      if (!known) throw new HttpError(404, 'not_found', `no missed call ${req.params.id}`);
      const closed = await source.done(req.params.id, req.body?.by ?? null);
      if (!closed) throw new HttpError(409, 'already_closed', `missed call ${req.params.id} is closed already`);
      return view(closed);
    });
  };
}
