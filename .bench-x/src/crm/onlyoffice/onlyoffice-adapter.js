import { RetryableError } from '../../errors.js';
import { attachRecordings, createTask, finishCall, registerCall } from './call-stages.js';
import { completeOnlyofficeTask } from './task-completion.js';
import { onlyofficeEntityUrl } from './entity-url.js';
import { CategoryResolver } from './category-resolver.js';
import { findContactByPhone } from './contact-lookup.js';
import { createEntity } from './entity-creation.js';
import { OnlyofficeClient } from './onlyoffice-client.js';
import { idField } from './onlyoffice-fields.js';
import { OnlyofficeStore } from './onlyoffice-store.js';
/**
 * The ONLYOFFICE Workspace CRM adapter (docs/onlyoffice-crm.md, docs/onlyoffice.md): contacts by phone, persons with a
 * phone, opportunities, a "Call" history event per finished call, a call-back task, and the VoIP call journal.
 * ONLYOFFICE has no call card and no documented "responsible of a contact", so those parts are absent (the answering
 * agent goes into the history event and the journal).
 */
export function createOnlyofficeAdapter(oo, deps) {
    const log = deps.log.child({ component: 'crm', crm: 'onlyoffice' });
    const client = new OnlyofficeClient(oo, log, deps.nowMs);
    const users = { ...oo.users, ...deps.users };
    const userIdOf = (extension) => (extension === null ? null : users[extension] ?? null);
    if (oo.defaultUserId === null) {
        log.warn('ONLYOFFICE_DEFAULT_USER_ID is not set: a call-back task with no mapped extension goes to the ONLYOFFICE user the daemon signs in as');
    }
    const d = {
        oo, client, store: new OnlyofficeStore(deps.redis, deps.prefix), userIdOf, ownUserId: ownUserOf(client),
        categories: new CategoryResolver(client, { history: oo.historyCategory, task: oo.taskCategory }),
    };
    return {
        name: 'onlyoffice', client,
        findByPhone: (phone) => findContactByPhone(client, phone, deps.clientData?.tags ?? false),
        createEntity: (entity) => createEntity(d, entity),
        registerCall: (call) => registerCall(d, call),
        finishCall: (ref, end) => finishCall(d, ref, end),
        tasks: { create: (ref, task) => createTask(d, ref, task), complete: (ref, closed) => completeOnlyofficeTask(d, ref, closed) },
        recordings: { attach: (ref, files) => attachRecordings(d, ref, files) },
        entityUrl: (entity) => onlyofficeEntityUrl(oo.baseUrl, entity),
        extensionOfUser: async (userId) => {
            const wanted = userId.toLowerCase();
            return Object.entries(users).find(([, guid]) => guid.toLowerCase() === wanted)?.[0] ?? null;
        },
        close: async () => undefined,
    };
}
/** `GET people/@self` once (a failure is asked again next time): the id of the user our token or login belongs to. */
function ownUserOf(client) {
    let own = null;
    const ask = async () => {
        const id = idField(await client.call({ method: 'GET', path: 'people/@self' }));
        if (id === null)
            throw new RetryableError('ONLYOFFICE people/@self answered without an id', 10 * 60_000);
        return id;
    };
    return () => (own ??= ask().catch((err) => { own = null; throw err; }));
}
