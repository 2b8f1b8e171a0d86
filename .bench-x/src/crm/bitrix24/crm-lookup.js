import { Bitrix24Error } from './bitrix24-errors.js';
import { entityKindOf } from './call-mapping.js';
const RANK = { contact: 0, company: 1, lead: 2, deal: 3 };
const MAX_LEADS_CHECKED = 5;
function str(v) {
    if (typeof v === 'number')
        return String(v);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
/** Finds CRM entities by phone with searchCrmEntities: digits are normalized server-side, and one command gives
 *  the entity, its name and its responsible user. Sorted contact, company, lead. */
export async function searchByPhone(client, phone) {
    const rows = await client.call('telephony.externalCall.searchCrmEntities', { PHONE_NUMBER: phone });
    const hits = [];
    for (const row of Array.isArray(rows) ? rows : []) {
        const kind = entityKindOf(row.CRM_ENTITY_TYPE);
        const id = str(row.CRM_ENTITY_ID);
        if (!kind || !id)
            continue;
        hits.push({
            entity: { kind, id }, name: str(row.NAME), assignedUserId: str(row.ASSIGNED_BY_ID),
            assignedInner: str(row.ASSIGNED_BY?.USER_PHONE_INNER),
        });
    }
    return hits.sort((a, b) => RANK[a.entity.kind] - RANK[b.entity.kind]);
}
/** Open deals of the client (crm.deal.list CLOSED=N) and its leads still in progress (STATUS_SEMANTIC_ID=P). */
async function openWork(client, hits) {
    const owner = hits.find((h) => h.entity.kind === 'contact' || h.entity.kind === 'company');
    const leads = hits.filter((h) => h.entity.kind === 'lead').slice(0, MAX_LEADS_CHECKED);
    const deals = owner
        ? client.call('crm.deal.list', {
            filter: { [owner.entity.kind === 'contact' ? 'CONTACT_ID' : 'COMPANY_ID']: owner.entity.id, CLOSED: 'N' },
            select: ['ID', 'ASSIGNED_BY_ID', 'STAGE_ID'], order: { DATE_MODIFY: 'DESC' },
        })
        : Promise.resolve([]);
    const leadRows = leads.map((h) => client.call('crm.lead.get', { id: h.entity.id })
        .catch((err) => { if (err instanceof Bitrix24Error)
        return null; throw err; }));
    const [dealRows, ...leadDetails] = await Promise.all([deals, ...leadRows]);
    const openDeals = (Array.isArray(dealRows) ? dealRows : []).map((d) => str(d.ID)).filter((id) => id !== null)
        .map((id) => ({ kind: 'deal', id }));
    const openLeads = leads.filter((_, i) => str(leadDetails[i]?.STATUS_SEMANTIC_ID) === 'P').map((h) => h.entity);
    return [...openDeals, ...openLeads];
}
/** The extension of a hit's responsible user: the directory (with overrides) first, then the portal's own field. */
export async function responsibleExtension(users, hit) {
    if (!hit.assignedUserId)
        return hit.assignedInner;
    return (await users.extensionOf(hit.assignedUserId)) ?? hit.assignedInner;
}
/** The PhoneMatch of search hits; open deals/leads are looked up only when `withOpenWork` (the repeat-sales rule uses them). */
export async function phoneMatch(client, users, hits, withOpenWork) {
    const best = hits[0];
    if (!best)
        return null;
    const [work, extension] = await Promise.all([withOpenWork ? openWork(client, hits) : [], responsibleExtension(users, best)]);
    return { entity: best.entity, name: best.name, responsibleExtension: extension, openWork: work };
}
