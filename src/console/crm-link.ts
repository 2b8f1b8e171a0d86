import type { CrmAdapter, EntityRef } from '../crm/adapter.js';

/** Link from a card into the CRM: the adapter's page of the entity (null where the CRM has none: local, webhook). */
export function crmLinkFor(crm: Pick<CrmAdapter, 'entityUrl'>): (entity: EntityRef) => string | null {
  return (entity) => crm.entityUrl?.(entity) ?? null;
}
