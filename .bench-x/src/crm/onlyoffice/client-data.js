import { PermanentError } from '../../errors.js';
import { field, textField } from './onlyoffice-fields.js';
/** A `{id, title}` object (ContactType, ContactStatus) or a plain string, as its title. */
function titleOf(value) {
    if (typeof value === 'string')
        return value.trim() === '' ? null : value;
    return textField(value, 'title');
}
/**
 * A contact's data for routing rules: fields `contactType` and `contactStatus` (their titles, from the search
 * reply: no extra request) and `isCompany`; tags by `GET crm/contact/{id}/tag` only when `withTags` (a rule names a
 * tag). A tag request the portal refuses (4xx: PermanentError) costs the tags, never the lookup.
 */
export async function clientDataOf(client, contact, id, withTags) {
    const fields = { isCompany: String(field(contact, 'isCompany') === true) };
    for (const name of ['contactType', 'contactStatus']) {
        const title = titleOf(field(contact, name));
        if (title !== null)
            fields[name] = title;
    }
    const tags = withTags ? await tagsOf(client, id) : [];
    return { fields, tags };
}
async function tagsOf(client, id) {
    try {
        const reply = await client.call({ method: 'GET', path: `crm/contact/${id}/tag` });
        return (Array.isArray(reply) ? reply : []).map((t) => (typeof t === 'string' ? t : textField(t, 'title'))).filter((t) => t !== null);
    }
    catch (err) {
        if (err instanceof PermanentError)
            return [];
        throw err;
    }
}
