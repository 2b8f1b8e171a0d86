import { AuthError } from './auth-error.js';
import { registerDialRateLimit } from './dial-rate-limit.js';
import { HttpError } from './http-error.js';
import { extensionOfCaller } from './routes/click-to-call.js';
/** The click-to-call machinery, lent to a CRM's inbound routes (they check and limit exactly as POST /v1/calls). */
export function crmRouteKit(deps) {
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
