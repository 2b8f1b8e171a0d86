import type { Bitrix24EventSettings } from '../../src/crm/bitrix24/bitrix24-env.js';
import { bitrix24EventRoutes } from '../../src/crm/bitrix24/bitrix24-events.js';
import type { CrmRoutes } from '../../src/crm/crm-descriptor.js';
import { crmRouteKit, type CrmRouteKitDeps } from '../../src/http/crm-route-kit.js';

export type Bitrix24EventTestDeps = Bitrix24EventSettings & CrmRouteKitDeps;

/** The Bitrix24 module's event routes over the real route kit, as the daemon mounts them with CRM_ADAPTER=bitrix24. */
export function bitrix24EventsWith(deps: Bitrix24EventTestDeps): CrmRoutes {
  const { applicationToken, memberId, callbackExtension, ...kit } = deps;
  return bitrix24EventRoutes({ applicationToken, memberId, callbackExtension }, crmRouteKit(kit));
}
