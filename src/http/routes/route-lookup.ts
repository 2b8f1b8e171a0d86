import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteAnswer } from '../../routing/responsible-router.js';

export interface RouteLookup {
  lookup(phone: string): Promise<RouteAnswer>;
}

export interface RouteLookupDeps {
  readonly router: RouteLookup;
  /** How long the dialplan should ring the responsible (ROUTE_DIAL_SECONDS), returned in the JSON answer. */
  readonly dialSeconds: number;
  /** Called once per answer sent (any status) with the time since the request arrived. */
  readonly onAnswered?: (durationMs: number) => void;
}

interface RouteQuery { phone?: string | string[]; did?: string | string[]; format?: 'json' | 'text' }

/** Longest caller number looked up; a longer (spoofed) CALLERID(num) is "no usable number", never a 400. */
const MAX_PHONE_CHARS = 64;

/** The caller as the dialplan sent it: the first value if repeated, '' when over-long (the router answers `invalid`). */
function callerOf(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.length > MAX_PHONE_CHARS ? '' : first;
}

const RouteAnswerSchema = {
  type: 'object',
  properties: {
    extension: { type: ['string', 'null'] }, userId: { type: ['string', 'null'] }, name: { type: ['string', 'null'] },
    source: { type: 'string' }, dialSeconds: { type: 'integer' },
  },
} as const;

function wantsText(req: FastifyRequest<{ Querystring: RouteQuery }>): boolean {
  if (req.query.format) return req.query.format === 'text';
  const accept = req.headers.accept ?? '';
  return accept.includes('text/plain') && !accept.includes('application/json');
}

/**
 * GET /v1/route?phone=<caller>&did=<line>[&format=text]: the responsible's extension for the dialplan.
 * Always 200 within the router's deadline; "nobody" is `extension: null` (JSON) or an empty body (text), so the
 * dialplan falls back. The text answer is digits or nothing: never a message a FILTER() could turn into digits.
 */
export function routeLookupRoutes(deps: RouteLookupDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: RouteQuery }>('/v1/route', {
      onResponse: async (_req, reply) => { deps.onAnswered?.(reply.elapsedTime); },
      schema: {
        summary: "The responsible operator's extension for a caller (dialplan lookup)", operationId: 'routeCall', tags: ['call control'],
        querystring: {
          type: 'object',
          properties: {
            // no length or type limits on phone/did: a caller-controlled value must never turn the answer into a
            // 400 whose JSON text a dialplan FILTER(0123456789,…) would make into digits (e.g. "…more than 64…")
            phone: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            did: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
            format: { type: 'string', enum: ['json', 'text'] },
          },
        },
        response: { 200: RouteAnswerSchema },
      },
    }, async (req, reply) => {
      const found = await deps.router.lookup(callerOf(req.query.phone));
      if (wantsText(req)) return reply.type('text/plain; charset=utf-8').send(found.extension ?? '');
      return { ...found, dialSeconds: deps.dialSeconds };
    });
  };
}
