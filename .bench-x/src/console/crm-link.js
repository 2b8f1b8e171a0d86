/** Link from a card into the CRM: the adapter's page of the entity (null where the CRM has none: local, webhook). */
export function crmLinkFor(crm) {
    return (entity) => crm.entityUrl?.(entity) ?? null;
}
