/** lead in simple mode (no leads) becomes a deal. */
export function workKindOf(rules) {
    if (rules.create === 'lead')
        return rules.simpleMode ? 'deal' : 'lead';
    return rules.create === 'deal' ? 'deal' : null;
}
/** Open deals/leads matter only to the repeat-sales rule, which creates a lead or deal: otherwise the CRM is not asked. */
export function needsOpenWork(rules) {
    return rules.repeatSales && workKindOf(rules) !== null;
}
/** Deal and lead titles carry the phone number (and the line of an inbound call). */
export function workTitle(input) {
    const kind = input.direction === 'inbound' ? 'Incoming call' : 'Outgoing call';
    return input.direction === 'inbound' && input.line ? `${kind} ${input.phone} | ${input.line}` : `${kind} ${input.phone}`;
}
function newEntity(kind, title, input, contact) {
    return { kind, phone: input.phone, title, responsibleExtension: input.responsibleExtension, contact, source: input.direction };
}
/**
 * Find-or-create: blacklisted numbers and create=none never create; an unknown number gets a contact (create=contact,
 * or as the owner of a new deal) and/or a lead/deal; a known client gets a new lead/deal only with repeat sales
 * and only when it has no open work.
 */
export function planEntities(input, rules) {
    const existing = input.match?.entity ?? null;
    const workKind = workKindOf(rules);
    if (input.blacklisted || rules.create === 'none')
        return { existing, contact: null, work: null };
    if (input.match === null) {
        const needsContact = rules.create === 'contact' || workKind === 'deal';
        const contact = needsContact ? newEntity('contact', rules.defaultContactName, input, null) : null;
        const work = workKind ? newEntity(workKind, workTitle(input), input, null) : null;
        return { existing, contact, work };
    }
    if (!rules.repeatSales || workKind === null || input.match.openWork.length > 0)
        return { existing, contact: null, work: null };
    const owner = input.match.entity.kind === 'contact' || input.match.entity.kind === 'company' ? input.match.entity : null;
    return { existing, contact: null, work: newEntity(workKind, workTitle(input), input, owner) };
}
/** The entity the call is bound to: a contact (or company) first, then the new lead/deal, then whatever matched. */
export function bindTarget(existing, contact, work) {
    if (contact)
        return contact;
    if (existing && (existing.kind === 'contact' || existing.kind === 'company'))
        return existing;
    return work ?? existing;
}
