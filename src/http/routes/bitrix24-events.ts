import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmAdapter } from '../../crm/adapter.js';
import type { Logger } from '../../log.js';
import type { RouteAnswer } from '../../routing/route-policy.js';
import { AuthError } from '../auth-error.js';
import { secretsEqual } from '../bearer-auth.js';
import type { ClickToCallOriginator } from '../click-to-call-originator.js';
import type { DialGuard } from '../dial-guard.js';
import { registerDialRateLimit, type DialRateLimitSettings } from '../dial-rate-limit.js';
import { HttpError } from '../http-error.js';
import { formValue, parseBitrixForm, type FormTree } from './bitrix24-form.js';
import { extensionOfCaller } from './click-to-call.js';

/** Path of the handler to bind in Bitrix24 (no bearer token: the route checks the application_token itself). */
export const BITRIX24_EVENTS_PATH = '/v1/crm/bitrix24/events';

export interface Bitrix24EventDeps {
  /** BITRIX24_APPLICATION_TOKEN; null refuses every delivery (401) until it is set. */
  readonly applicationToken: string | null;
  /** BITRIX24_MEMBER_ID: when set, `auth[member_id]` must equal it. */
  readonly memberId: string | null;
  readonly guard: DialGuard;
  readonly originator: Pick<ClickToCallOriginator, 'place'>;
  readonly users: Pick<CrmAdapter, 'extensionOfUser'>;
  /** Picks the operator for OnExternalCallBackStart (the number's responsible). */
  readonly router: { lookup(phone: string): Promise<RouteAnswer> } | null;
  /** BITRIX24_CALLBACK_EXTENSION: takes callbacks when the number has no (free) responsible. */
  readonly callbackExtension: string | null;
  readonly rateLimit: DialRateLimitSettings;
  readonly log: Logger;
}

/**
 * POST /v1/crm/bitrix24/events: Bitrix24's form-encoded ONEXTERNALCALLSTART (ring USER_ID's extension, then dial
 * PHONE_NUMBER, carrying the CALL_ID Bitrix24 already registered as `__CRM_CALL_ID`, so the sync finishes that call
 * instead of registering a second one) and ONEXTERNALCALLBACKSTART (ring the responsible or the callback extension,
 * marked `__CRM_CALLBACK=1`). Authenticated by `auth[application_token]`, not by the bearer token.
 */
export function bitrix24EventRoutes(deps: Bitrix24EventDeps) {
  const log = deps.log.child({ component: 'bitrix24-events' });
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, parseBitrixForm(typeof body === 'string' ? body : body.toString('utf8')));
    });
    const limits = await registerDialRateLimit(app, deps.rateLimit);
    app.post<{ Body: FormTree }>(BITRIX24_EVENTS_PATH, {
      config: { auth: 'own', rateLimit: limits.perCaller((req) => req.ip) },
      schema: {
        summary: 'Bitrix24 event handler (ONEXTERNALCALLSTART, ONEXTERNALCALLBACKSTART), authenticated by application_token',
        operationId: 'bitrix24Event', tags: ['crm events'],
        response: {
          200: {
            type: 'object', description: 'the call placed, or `ignored` for another event',
            properties: { callId: { type: 'string' }, extension: { type: 'string' }, ignored: { type: 'boolean' } },
          },
        },
      },
    }, async (req) => {
      const form = isForm(req.body) ? req.body : parseBitrixForm('');
      const event = formValue(form, 'event').toUpperCase();
      authenticate(form, event, deps);
      if (event === 'ONEXTERNALCALLSTART') return callStart(req, form, deps, limits);
      if (event === 'ONEXTERNALCALLBACKSTART') return callbackStart(req, form, deps, limits);
      log.info({ event }, 'Bitrix24 event ignored');
      return { ignored: true };
    });
  };
}

function isForm(body: unknown): body is FormTree {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Throws AuthError (logged and counted by the app: event and portal domain, never a token) unless the delivery is ours. */
function authenticate(form: FormTree, event: string, deps: Bitrix24EventDeps): void {
  const given = formValue(form, 'auth', 'application_token');
  const facts = { event: event.slice(0, 64), domain: formValue(form, 'auth', 'domain').slice(0, 253) };
  if (!deps.applicationToken) {
    throw new AuthError('application_token_unset', 'application_token not accepted (BITRIX24_APPLICATION_TOKEN is not set)', facts);
  }
  if (!given || !secretsEqual(given, deps.applicationToken)) throw new AuthError('wrong_application_token', 'application_token not accepted', facts);
  if (deps.memberId && formValue(form, 'auth', 'member_id') !== deps.memberId) {
    throw new AuthError('wrong_member_id', 'member_id not accepted', facts);
  }
}

type Limits = Awaited<ReturnType<typeof registerDialRateLimit>>;

async function callStart(req: FastifyRequest, form: FormTree, deps: Bitrix24EventDeps, limits: Limits) {
  const userId = formValue(form, 'data', 'USER_ID');
  const crmCallId = formValue(form, 'data', 'CALL_ID');
  if (!userId || !crmCallId) throw new HttpError(400, 'invalid_event', 'ONEXTERNALCALLSTART needs data[USER_ID] and data[CALL_ID]');
  const extension = deps.guard.checkExtension(await extensionOfCaller({ crmUserId: userId }, deps.users));
  await limits.checkExtension(req, extension);
  const dial = deps.guard.check({ extension, to: formValue(form, 'data', 'PHONE_NUMBER'), crmCallId });
  const call = await deps.originator.place(dial);
  return { callId: call.callId, extension };
}

async function callbackStart(req: FastifyRequest, form: FormTree, deps: Bitrix24EventDeps, limits: Limits) {
  const phone = formValue(form, 'data', 'PHONE_NUMBER');
  const to = deps.guard.checkDestination(phone);
  const responsible = deps.router ? (await deps.router.lookup(to)).extension : null;
  const chosen = responsible ?? deps.callbackExtension;
  if (!chosen) throw new HttpError(422, 'no_operator', 'no free responsible and no BITRIX24_CALLBACK_EXTENSION to take the callback');
  const extension = deps.guard.checkExtension(chosen);
  await limits.checkExtension(req, extension);
  const call = await deps.originator.place(deps.guard.check({ extension, to }), { callback: true });
  return { callId: call.callId, extension };
}
