import { createHash } from 'node:crypto';
import { PermanentError } from '../../errors.js';
import { idField } from './onlyoffice-fields.js';
function dedupKey(entity) {
    const key = [entity.kind, entity.phone, entity.contact?.id ?? '-', entity.title].join('|');
    return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
function createdId(reply, what) {
    const id = idField(reply);
    if (id === null)
        throw new PermanentError(`ONLYOFFICE ${what} answered without an ID`);
    return id;
}
/**
 * A person with the number as its primary phone (docs/onlyoffice-crm.md §4, two requests). Progress is kept in Redis, so a retry after
 * the first request attaches the phone to the same person instead of creating a second one.
 */
async function createPerson(d, entity, key) {
    const progress = await d.store.created(key);
    let id = progress.id;
    if (id === null) {
        const reply = await d.client.call({ method: 'POST', path: 'crm/contact/person', body: { firstName: entity.title.trim() || entity.phone } });
        id = createdId(reply, 'POST crm/contact/person');
        await d.store.saveCreated(key, { id });
    }
    if (!progress.phoneAdded) {
        await d.client.call({
            method: 'POST', path: `crm/contact/${id}/data`,
            body: { infoType: 0, data: entity.phone, isPrimary: true, category: d.oo.phoneCategory },
        });
        await d.store.saveCreated(key, { phoneAdded: '1' });
    }
    return { kind: 'contact', id };
}
/** An opportunity (docs/onlyoffice-crm.md §7) bound to the contact; `stageid` must exist, so it comes from ONLYOFFICE_DEAL_STAGE_ID. */
async function createOpportunity(d, entity, key) {
    const before = await d.store.created(key);
    if (before.id !== null)
        return { kind: 'deal', id: before.id };
    if (d.oo.dealStageId === null) {
        throw new PermanentError('creating an ONLYOFFICE opportunity needs ONLYOFFICE_DEAL_STAGE_ID (an id from GET /api/2.0/crm/opportunity/stage); or set CRM_CREATE=contact');
    }
    const body = { title: entity.title, stageid: d.oo.dealStageId, bidType: 0 };
    if (entity.contact)
        body['contactid'] = Number(entity.contact.id);
    const responsible = d.userIdOf(entity.responsibleExtension);
    if (responsible)
        body['responsibleid'] = responsible;
    const id = createdId(await d.client.call({ method: 'POST', path: 'crm/opportunity', body }), 'POST crm/opportunity');
    await d.store.saveCreated(key, { id });
    if (entity.contact)
        await d.store.saveDealContact(id, entity.contact.id);
    return { kind: 'deal', id };
}
export async function createEntity(d, entity) {
    const key = dedupKey(entity);
    if (entity.kind === 'contact')
        return createPerson(d, entity, key);
    if (entity.kind === 'deal')
        return createOpportunity(d, entity, key);
    throw new PermanentError(entity.kind === 'lead'
        ? 'ONLYOFFICE CRM has no leads; set CRM_CREATE=contact or deal'
        : 'this adapter does not create ONLYOFFICE companies; set CRM_CREATE=contact');
}
