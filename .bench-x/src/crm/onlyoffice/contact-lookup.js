import { clientDataOf } from './client-data.js';
import { boolField, field, idField, listField, textField } from './onlyoffice-fields.js';
import { phoneSearchText, samePhone } from './call-mapping.js';
/** How many candidates of a substring search are checked one by one when the reply carries no contact infos. */
const MAX_CANDIDATES_CHECKED = 5;
const PHONE_INFO_TYPE = 0;
function phonesIn(infos) {
    return infos
        .filter((i) => { const t = field(i, 'infoType'); return t === PHONE_INFO_TYPE || t === 'Phone'; })
        .map((i) => textField(i, 'data'))
        .filter((d) => d !== null);
}
/**
 * The contact's phone numbers: from the search reply's contact infos when it has them (the wrapper field `CommonData`
 * is unverified, docs/onlyoffice-crm.md §3), else from `GET crm/contact/{id}/data`.
 */
async function phonesOf(client, contact, id) {
    const inline = listField(contact, 'commonData');
    if (inline)
        return phonesIn(inline);
    const infos = await client.call({ method: 'GET', path: `crm/contact/${id}/data` });
    return phonesIn(Array.isArray(infos) ? infos : []);
}
/**
 * `GET crm/contact/bycontactinfo?infoType=0&data=<last 10 digits>` (docs/onlyoffice-crm.md §3), then a client-side re-check of each
 * candidate's numbers. Persons win over companies; among equals the oldest (lowest id). ONLYOFFICE contacts have no
 * documented responsible person, and open work (opportunities) is not looked up: the stage type field that tells open
 * from won/lost is not documented (docs/onlyoffice-crm.md §7), so `responsibleExtension` is null and `openWork` empty. `client`: see client-data.ts.
 */
export async function findContactByPhone(client, phone, withTags = false) {
    const found = await client.call({ method: 'GET', path: 'crm/contact/bycontactinfo', query: { infoType: PHONE_INFO_TYPE, data: phoneSearchText(phone) } });
    const candidates = (Array.isArray(found) ? found : [])
        .map((c) => ({ c, id: idField(c), company: boolField(c, 'isCompany') }))
        .filter((x) => x.id !== null)
        .sort((a, b) => Number(a.company) - Number(b.company) || Number(a.id) - Number(b.id))
        .slice(0, MAX_CANDIDATES_CHECKED);
    for (const { c, id, company } of candidates) {
        if (!(await phonesOf(client, c, id)).some((p) => samePhone(p, phone)))
            continue;
        const data = await clientDataOf(client, c, id, withTags);
        return { entity: { kind: company ? 'company' : 'contact', id }, name: textField(c, 'displayName'), responsibleExtension: null, openWork: [], client: data };
    }
    return null;
}
