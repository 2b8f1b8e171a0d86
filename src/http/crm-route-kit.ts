import type { CrmAdapter } from '../crm/adapter.js';
import type { CrmRouteKit } from '../crm/crm-route-kit.js';
import type { Logger } from '../log.js';
import type { RouteAnswer } from '../routing/route-policy.js';
import { AuthError } from './auth-error.js';
import type { Originator } from './click-to-call-originator.js';
import type { DialGuard } from './dial-guard.js';
import { registerDialRateLimit, type DialRateLimitSettings } from './dial-rate-limit.js';
import { HttpError } from './http-error.js';
import { extensionOfCaller } from './routes/click-to-call.js';

export interface CrmRouteKitDeps {
  readonly guard: DialGuard;
  readonly originator: Originator;
  readonly users: Pick<CrmAdapter, 'extensionOfUser'>;
  /** Picks the operator for a CRM's callback request (the number's responsible); null: nobody is looked up. */
  readonly router: { lookup(phone: string): Promise<RouteAnswer> } | null;
  readonly rateLimit: DialRateLimitSettings;
  readonly log: Logger;
}

/** The click-to-call machinery, lent to a CRM's inbound routes (they check and limit exactly as POST /v1/calls). */
export function crmRouteKit(deps: CrmRouteKitDeps): CrmRouteKit {
  return {
    log: deps.log,
    dialer: async (app) => {
      const limits = await registerDialRateLimit(app, deps.rateLimit);
      return {
        perCaller: (who) => limits.perCaller(who),
        place: async (req, order) => {
          const extension = deps.guard.checkExtension(await extensionOfCaller(order.from, deps.users));
          await limits.checkExtension(req, extension);
          const dial = deps.guard.check({ extension, to: order.to, crmCallId: order.crmCallId ?? null });
          const call = await deps.originator.place(dial, { callback: order.callback === true });
          return { callId: call.callId, extension };
        },
      };
    },
    responsibleOf: async (phone) => {
      const to = deps.guard.checkDestination(phone);
      return deps.router ? (await deps.router.lookup(to)).extension : null;
    },
    refuse: (reason, message, facts) => new AuthError(reason, message, facts),
    reject: (status, code, message) => new HttpError(status, code, message),
  };
}
