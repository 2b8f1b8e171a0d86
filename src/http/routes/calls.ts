import type { FastifyInstance } from 'fastify';
import type { Disposition } from '../../calls/call.js';
import { HttpError } from '../http-error.js';

export interface CallListQuery {
  readonly limit: number;
  readonly cursor?: string;
  readonly phone?: string;
  readonly extension?: string;
  readonly disposition?: Disposition;
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface CallJournalReader {
  list(query: CallListQuery): Promise<{ items: readonly object[]; nextCursor: string | null }>;
  get(id: string): Promise<object | null>;
}

const ListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    cursor: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_=-]*$' },
    phone: { type: 'string', minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' },
    extension: { type: 'string', pattern: '^[0-9]{1,9}$' },
    disposition: { type: 'string', enum: ['answered', 'missed', 'busy', 'noanswer', 'failed', 'cancelled'] },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
  },
} as const;

interface ListQueryIn {
  limit: number; cursor?: string; phone?: string; extension?: string; disposition?: Disposition; from?: string; to?: string;
}

function toMs(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new HttpError(400, 'invalid_request', `${name} must be an ISO 8601 date-time`);
  return ms;
}

/** GET /v1/calls (newest first, cursor paging, filters) and GET /v1/calls/:id. */
export function callRoutes(journal: CallJournalReader) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: ListQueryIn }>('/v1/calls', { schema: { querystring: ListQuery } }, async (req) => {
      const q = req.query;
      const fromMs = toMs(q.from, 'from');
      const toMsValue = toMs(q.to, 'to');
      if (fromMs !== undefined && toMsValue !== undefined && fromMs > toMsValue) throw new HttpError(400, 'invalid_request', 'from must not be after to');
      const page = await journal.list({
        limit: q.limit, cursor: q.cursor, phone: q.phone, extension: q.extension, disposition: q.disposition, fromMs, toMs: toMsValue,
      });
      return { items: page.items, nextCursor: page.nextCursor };
    });
    app.get<{ Params: { id: string } }>('/v1/calls/:id', {
      schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._-]+$' } }, required: ['id'] } },
    }, async (req) => {
      const call = await journal.get(req.params.id);
      if (!call) throw new HttpError(404, 'not_found', `no call ${req.params.id}`);
      return call;
    });
  };
}
