import { isoDate, OWNER_TYPE_ID, crmMethod } from './call-mapping.js';
const QUIET = { REGISTER_SONET_EVENT: 'N' };
function phoneField(phone) {
    return [{ VALUE: phone, VALUE_TYPE: 'WORK' }];
}
function contactLink(contact) {
    if (!contact)
        return {};
    return contact.kind === 'company' ? { COMPANY_ID: contact.id } : contact.kind === 'contact' ? { CONTACT_ID: contact.id } : {};
}
/** crm.{contact,company,lead,deal}.add with the phone (deals carry none), source CALL and the responsible user. */
export function createEntityParams(entity, userId, dealCategoryId) {
    const common = { SOURCE_ID: 'CALL', ...(userId ? { ASSIGNED_BY_ID: userId } : {}) };
    const fields = (() => {
        switch (entity.kind) {
            case 'contact': return { ...common, NAME: entity.title, PHONE: phoneField(entity.phone), OPENED: 'Y' };
            case 'company': return { ...common, TITLE: entity.title, PHONE: phoneField(entity.phone), OPENED: 'Y' };
            case 'lead': return { ...common, TITLE: entity.title, PHONE: phoneField(entity.phone), STATUS_ID: 'NEW', OPENED: 'Y', ...contactLink(entity.contact) };
            case 'deal': return { ...common, TITLE: entity.title, ...contactLink(entity.contact), ...(dealCategoryId ? { CATEGORY_ID: dealCategoryId } : {}) };
        }
    })();
    return { method: crmMethod(entity.kind, 'add'), params: { fields, params: QUIET } };
}
/** crm.<kind>.update ASSIGNED_BY_ID. */
export function updateResponsibleRequest(entity, userId) {
    return { method: crmMethod(entity.kind, 'update'), params: { id: entity.id, fields: { ASSIGNED_BY_ID: userId }, params: QUIET } };
}
function description(task) {
    return `Call back ${task.phone} (call ${task.callId})`;
}
/** A number with no CRM entity has nothing to hang a to-do on: remind the responsible with im.notify.personal.add. */
export function reminderRequest(task, userId) {
    return { method: 'im.notify.personal.add', params: { USER_ID: userId, MESSAGE: `${task.title}: ${description(task)}, due ${isoDate(task.dueAtMs)}` } };
}
/** The callback task: crm.activity.todo.add (the doc's "callback to-do"), or the legacy crm.activity.add of type Call. */
export function taskRequest(kind, owner, task, responsibleId) {
    if (kind === 'todo') {
        return {
            method: 'crm.activity.todo.add',
            params: {
                ownerTypeId: OWNER_TYPE_ID[owner.kind], ownerId: owner.id, deadline: isoDate(task.dueAtMs),
                title: task.title, description: description(task), ...(responsibleId ? { responsibleId } : {}), pingOffsets: [0, 15],
            },
        };
    }
    return {
        method: 'crm.activity.add',
        params: {
            fields: {
                OWNER_TYPE_ID: OWNER_TYPE_ID[owner.kind], OWNER_ID: owner.id, TYPE_ID: 2, DIRECTION: 2, SUBJECT: task.title,
                DESCRIPTION: description(task), START_TIME: isoDate(task.dueAtMs), END_TIME: isoDate(task.dueAtMs), COMPLETED: 'N',
                ...(responsibleId ? { RESPONSIBLE_ID: responsibleId } : {}),
                COMMUNICATIONS: [{ VALUE: task.phone, ENTITY_ID: owner.id, ENTITY_TYPE_ID: OWNER_TYPE_ID[owner.kind] }],
            },
        },
    };
}
