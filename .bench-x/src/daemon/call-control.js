import { normalizePhoneNumber } from '../calls/phone-number.js';
import { ClickToCallOriginator, PbxOriginators } from '../http/click-to-call-originator.js';
import { DialGuard } from '../http/dial-guard.js';
import { crmRouteKit } from '../http/crm-route-kit.js';
import { clickToCallRoutes } from '../http/routes/click-to-call.js';
import { routeLookupRoutes } from '../http/routes/route-lookup.js';
import { ExtensionAvailability } from '../routing/extension-availability.js';
import { ResponsibleRouter } from '../routing/responsible-router.js';
import { lineRoutesOf } from './line-routes.js';
/** The click-to-call destination policy from Config (the console's call back uses it with its own users as known extensions). */
export function dialPolicy(config) {
    return { ...config.callControl.dial, defaultCountry: config.numbers.defaultCountry, internalMaxLength: config.numbers.internalMaxLength };
}
export function buildCallControl(config, deps) {
    const cc = config.callControl;
    const log = deps.log.child({ component: 'call-control' });
    const availability = cc.route.checkAvailability ? new ExtensionAvailability({ devicePattern: cc.route.devicePattern, accounts: config.accounts, log }) : null;
    // every PBX's device states count; a PBX started later (a reload) is attached when first seen
    const attached = new Map();
    const attachAll = () => {
        if (!availability)
            return;
        const now = new Set([...deps.pbxs().values()].map((p) => p.ami));
        for (const [ami, off] of attached)
            if (!now.has(ami)) {
                off();
                attached.delete(ami);
            } // a PBX restarted or removed
        for (const ami of now)
            if (!attached.has(ami))
                attached.set(ami, availability.attach(ami));
    };
    attachAll();
    const detach = () => { for (const off of attached.values())
        off(); attached.clear(); };
    const router = new ResponsibleRouter({
        crm: deps.crm, redis: deps.redis, prefix: config.redis.prefix, timeoutMs: config.routing.timeoutMs, ttlSec: config.routing.cacheTtlSec,
        availability, log, normalize: (p) => normalizePhoneNumber(p, config.numbers.defaultCountry), fallbackExtension: cc.route.fallbackExtension,
        callerNameMaxChars: config.routing.callerNameMaxChars, lines: lineRoutesOf(config), clientRules: config.routing.clientRules,
        defaultCountry: config.numbers.defaultCountry,
    });
    const guard = new DialGuard(dialPolicy(config), Object.keys(config.users));
    const onPlaced = (placed) => {
        deps.syncStore.rememberPlacedCall(placed.callId, { crmCallId: placed.crmCallId, callback: placed.callback })
            .catch((err) => log.error({ err, callId: placed.callId }, 'placed call not remembered; the CRM may show it twice'));
    };
    const perPbx = new Map();
    const originator = new PbxOriginators(() => {
        attachAll();
        const byId = new Map();
        for (const [id, { ami, config: pc }] of deps.pbxs()) {
            let o = perPbx.get(ami);
            if (!o) {
                o = new ClickToCallOriginator(ami, pc.callControl.originate, log, onPlaced);
                perPbx.set(ami, o);
            }
            byId.set(id, o);
        }
        return byId;
    });
    const rateLimit = { ...cc.rateLimit, redis: deps.redis, prefix: config.redis.prefix };
    // the running CRM's inbound routes (Bitrix24's event handler), mounted only when it has some
    const crmRoutes = config.crm.routes(crmRouteKit({ guard, originator, users: deps.crm, router, rateLimit, log }));
    const routes = [
        clickToCallRoutes({ guard, originator, users: deps.crm, rateLimit }),
        routeLookupRoutes({ router, dialSeconds: cc.route.dialSeconds, onAnswered: (ms) => deps.onRouteAnswered?.('http', ms) }),
        ...(crmRoutes ? [crmRoutes] : []),
    ];
    return { router, routes, originator, detach, refresh: attachAll };
}
