/** The entity's page in ONLYOFFICE CRM (persons and companies share Default.aspx; deals have their own page). */
export function onlyofficeEntityUrl(baseUrl, entity) {
    const id = encodeURIComponent(entity.id);
    return entity.kind === 'deal' ? `${baseUrl}/Products/CRM/Deals.aspx?id=${id}` : `${baseUrl}/Products/CRM/Default.aspx?id=${id}`;
}
