import { createHash } from 'node:crypto';
import { VOIP_STATUS, attachmentOf, finishStatus, historyContent, isoDate, journalCallId, journalParties, recordingContent, taskDescription, } from './call-mapping.js';
import { field, idField } from './onlyoffice-fields.js';
import { taskIdOf } from './task-completion.js';
async function contactIdOf(d, entity) {
    if (entity === null)
        return null;
    if (entity.kind === 'contact' || entity.kind === 'company')
        return entity.id;
    return entity.kind === 'deal' ? d.store.dealContact(entity.id) : null;
}
/**
 * Journals the call in `crm/voip/call/{id}` (docs/onlyoffice-crm.md §8) when ONLYOFFICE_CALL_JOURNAL is on. Always with `contactId`:
 * without one ONLYOFFICE creates a person itself, and for a new outgoing call it would name it after our own line.
 * So a call with no contact is journaled only when inbound and ONLYOFFICE_JOURNAL_UNKNOWN is on; then the person
 * ONLYOFFICE created (the reply's `Contact`) becomes the call's entity.
 */
export async function registerCall(d, call) {
    const known = await d.store.getRef(call.callId);
    if (known)
        return known;
    const crmCallId = journalCallId(call.crmCallId ?? call.callId);
    let contactId = await contactIdOf(d, call.entity);
    let entity = call.entity;
    // an anonymous caller is never journaled unbound: ONLYOFFICE would create a person for the missing number
    const journal = d.oo.callJournal && (contactId !== null || (call.direction === 'inbound' && d.oo.journalUnknown && call.phone !== null));
    if (journal) {
        const body = { ...journalParties(call), status: call.direction === 'inbound' ? VOIP_STATUS.incoming : VOIP_STATUS.outgoing };
        if (contactId !== null)
            body['contactId'] = contactId;
        const reply = await d.client.call({ method: 'POST', path: `crm/voip/call/${crmCallId}`, body });
        const created = contactId === null ? idField(field(reply, 'contact')) : null;
        if (created !== null) {
            contactId = created;
            entity = { kind: 'contact', id: created };
        }
    }
    const ref = { callId: call.callId, crmCallId, entity };
    await d.store.set(call.callId, {
        crmCallId, entityKind: entity?.kind ?? '', entityId: entity?.id ?? '', contactId: contactId ?? '',
        journal: journal ? '1' : '0', extension: call.extension ?? '',
    });
    return ref;
}
async function writeHistory(d, ref, end) {
    if (await d.store.isDone(ref.callId, 'history'))
        return;
    const target = attachmentOf(ref.entity, await d.store.get(ref.callId, 'contactId'));
    if (target) {
        const categoryId = await d.categories.idOf('history');
        const body = { ...target, content: historyContent(ref.callId, end), categoryId, created: isoDate(end.startedAtMs) };
        await d.client.call({ method: 'POST', path: 'crm/history', body });
        await d.store.set(ref.callId, { historyRecording: JSON.stringify(end.recordingFiles) });
    }
    await d.store.markDone(ref.callId, 'history');
}
async function finishJournal(d, ref, end) {
    if ((await d.store.get(ref.callId, 'journal')) !== '1' || (await d.store.isDone(ref.callId, 'journal-finished')))
        return;
    const registeredExtension = (await d.store.get(ref.callId, 'extension')) || null;
    const body = { ...journalParties({ ...end, extension: registeredExtension }), status: finishStatus(end) };
    const contactId = await d.store.get(ref.callId, 'contactId');
    if (contactId)
        body['contactId'] = contactId;
    const answeredBy = finishStatus(end) === VOIP_STATUS.answered ? d.userIdOf(end.extension) : null;
    if (answeredBy)
        body['answeredBy'] = answeredBy;
    await d.client.call({ method: 'POST', path: `crm/voip/call/${ref.crmCallId}`, body });
    await d.store.markDone(ref.callId, 'journal-finished');
}
/** A "Call" history event on the contact or opportunity (docs/onlyoffice-crm.md §5: duration, agent, recording), then the journal's final status. */
export async function finishCall(d, ref, end) {
    await writeHistory(d, ref, end);
    await finishJournal(d, ref, end);
}
/** Each recording link the call's history event did not carry becomes its own history event (ONLYOFFICE stores no audio). */
export async function attachRecordings(d, ref, files) {
    const inHistory = parseList(await d.store.get(ref.callId, 'historyRecording'));
    for (const file of files)
        if (!inHistory.includes(file))
            await attachRecording(d, ref, file);
}
/** The files the history event listed: a JSON list, or one path (stored before the list). */
function parseList(stored) {
    if (!stored)
        return [];
    if (!stored.startsWith('['))
        return [stored];
    const parsed = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((f) => typeof f === 'string') : [];
}
async function attachRecording(d, ref, file) {
    const step = `recording:${createHash('sha256').update(file).digest('hex').slice(0, 16)}`;
    if (await d.store.isDone(ref.callId, step))
        return;
    const target = attachmentOf(ref.entity, await d.store.get(ref.callId, 'contactId'));
    if (target) {
        const categoryId = await d.categories.idOf('history');
        await d.client.call({ method: 'POST', path: 'crm/history', body: { ...target, content: recordingContent(ref.callId, file), categoryId } });
    }
    await d.store.markDone(ref.callId, step);
}
/**
 * The call-back reminder (docs/onlyoffice-crm.md §6): a GUID responsible and an existing task category are required by ONLYOFFICE.
 * The responsible: the task's extension, else the call's registered one, else ONLYOFFICE_DEFAULT_USER_ID, else the
 * daemon's own ONLYOFFICE user, so an unmapped extension never loses the task.
 */
export async function createTask(d, ref, task) {
    if (await d.store.isDone(ref.callId, 'task'))
        return;
    const registered = (await d.store.get(ref.callId, 'extension')) || null;
    const responsibleId = d.userIdOf(task.responsibleExtension) ?? d.userIdOf(registered) ?? d.oo.defaultUserId ?? (await d.ownUserId());
    const categoryId = await d.categories.idOf('task');
    const target = attachmentOf(task.entity ?? ref.entity, await d.store.get(ref.callId, 'contactId'));
    const body = {
        title: task.title, description: taskDescription(task), deadline: isoDate(task.dueAtMs), responsibleId, categoryId, isNotify: true, ...target,
    };
    const taskId = taskIdOf(await d.client.call({ method: 'POST', path: 'crm/task', body }));
    if (taskId !== null)
        await d.store.set(ref.callId, { taskId });
    await d.store.markDone(ref.callId, 'task');
}
