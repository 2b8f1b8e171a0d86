import { bitrix24EventRoutes } from '../../src/crm/bitrix24/bitrix24-events.js';
import { crmRouteKit } from '../../src/http/crm-route-kit.js';
/** The Bitrix24 module's event routes over the real route kit, as the daemon mounts them with CRM_ADAPTER=bitrix24. */
export function bitrix24EventsWith(deps) {
    const { applicationToken, memberId, callbackExtension, ...kit } = deps;
    return bitrix24EventRoutes({ applicationToken, memberId, callbackExtension }, crmRouteKit(kit));
}
