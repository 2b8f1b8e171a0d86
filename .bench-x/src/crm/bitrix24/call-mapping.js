/** telephony.externalcall.register TYPE (docs/bitrix24-telephony.md §1): 1 outgoing, 2 incoming, 4 callback. */
export function callType(call) {
    if (call.isCallback)
        return 4;
    return call.direction === 'outbound' ? 1 : 2;
}
/** Q.850 causes that mean "no such number" rather than "route unavailable". */
const INVALID_NUMBER_CAUSES = new Set([1, 3, 22, 28]);
/** finish STATUS_CODE (docs/bitrix24-telephony.md §2): 200 answered, 304 missed, 486 busy, 603 declined, 603-S cancelled, 404/503 failures. */
export function statusCode(disposition, hangupCause) {
    switch (disposition) {
        case 'answered': return '200';
        case 'missed':
        case 'noanswer': return '304';
        case 'busy': return hangupCause === 21 ? '603' : '486';
        case 'cancelled': return '603-S';
        case 'failed': return hangupCause !== null && INVALID_NUMBER_CAUSES.has(hangupCause) ? '404' : '503';
    }
}
function pad(n) {
    return String(n).padStart(2, '0');
}
/** ISO-8601 with an explicit offset and no fraction (`2026-03-07T07:20:30+00:00`), as register expects. */
export function isoDate(ms) {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}
/** What register/finish keep of a number: only [0-9#*+,;]; an empty result is refused, so use a placeholder. */
export function phoneForTelephony(phone, anonymousNumber) {
    const kept = phone.replace(/[^0-9#*+,;]/g, '');
    return /\d/.test(kept) ? kept : anonymousNumber;
}
/** Entity kinds register can bind a call to (deals are not among them). */
export function crmEntityTypeForCall(entity) {
    if (!entity || entity.kind === 'deal')
        return null;
    return { CRM_ENTITY_TYPE: entity.kind.toUpperCase(), CRM_ENTITY_ID: entity.id };
}
const KIND_BY_TYPE = { CONTACT: 'contact', COMPANY: 'company', LEAD: 'lead', DEAL: 'deal' };
export function entityKindOf(type) {
    return typeof type === 'string' ? KIND_BY_TYPE[type.toUpperCase()] ?? null : null;
}
/** crm.activity.todo.add ownerTypeId: 1 lead, 2 deal, 3 contact, 4 company. */
export const OWNER_TYPE_ID = { lead: 1, deal: 2, contact: 3, company: 4 };
/** crm.<kind>.add / .update method name. */
export function crmMethod(kind, action) {
    return `crm.${kind}.${action}`;
}
