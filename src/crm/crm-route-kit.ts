import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../log.js';

/** Refusals a CRM's own authentication reports (a metric label, so a fixed set). */
export type CrmAuthRefusal = 'application_token_unset' | 'wrong_application_token' | 'wrong_member_id';

/** A call a CRM asks for: from an operator (an extension, or a CRM user mapped by the adapter) to a number. */
export interface CrmDialOrder {
  readonly from: { readonly extension: string } | { readonly crmUserId: string };
  readonly to: string;
  /** The CRM's own id of the call it already registered: the sync then finishes that call instead of a second one. */
  readonly crmCallId?: string;
  /** A call back the CRM asked for (OnExternalCallBackStart). */
  readonly callback?: boolean;
}

export interface CrmDialer {
  /** A route's `config.rateLimit`: the per-caller toll-fraud limit, keyed by `who` (these routes carry no bearer token). */
  perCaller(who: (req: FastifyRequest) => string): object;
  /** Checks the operator, the number and the per-extension limit as POST /v1/calls does, then places the call. */
  place(req: FastifyRequest, order: CrmDialOrder): Promise<{ readonly callId: string; readonly extension: string }>;
}

/**
 * What the bridge lends a CRM's inbound routes (built by http/crm-route-kit.ts from the dial guard, the originator,
 * the dial limits and routing): a CRM module adds routes without importing http/.
 */
export interface CrmRouteKit {
  /** Registers the dial limits in the calling plugin's scope. */
  dialer(app: FastifyInstance): Promise<CrmDialer>;
  /** The number's free responsible, or null; a number that may not be dialled is refused as POST /v1/calls refuses it. */
  responsibleOf(phone: string): Promise<string | null>;
  /** An error the app answers 401, logs (with `facts`, never a credential) and counts. */
  refuse(reason: CrmAuthRefusal, message: string, facts: Readonly<Record<string, string>>): Error;
  /** An error the app answers with this status and `{ error: { code, message } }`; the message is shown to the caller. */
  reject(status: 400 | 422, code: string, message: string): Error;
  readonly log: Logger;
}
