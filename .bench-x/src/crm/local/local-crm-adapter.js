import { PermanentError, RetryableError } from '../../errors.js';
import { toCallEntry } from './local-call-entry.js';
import { LocalCrmStore } from './local-crm-store.js';
import { completeLocalTask, localCallbackTask } from './local-task-completion.js';
const ENTITY_ORDER = ['contact', 'company', 'lead', 'deal'];
/**
 * The embedded CRM: contacts, companies, leads and deals keyed by phone, every call in its client's history,
 * call cards, responsible persons and call-back tasks, all in Redis. A Redis failure is a RetryableError.
 */
export class LocalCrmAdapter {
    opts;
    name = 'local';
    store;
    now;
    constructor(opts) {
        this.opts = opts;
        this.store = new LocalCrmStore(opts.redis, opts.prefix);
        this.now = opts.now ?? Date.now;
    }
    async run(what, fn) {
        try {
            return await fn();
        }
        catch (err) {
            if (err instanceof RetryableError || err instanceof PermanentError)
                throw err;
            throw new RetryableError(`local CRM storage unavailable (${what})`, undefined, { cause: err });
        }
    }
    /** Open work is always filled (it costs nothing here), whatever the lookup asks. */
    findByPhone(phone, _lookup) {
        return this.run('findByPhone', async () => {
            const all = await this.store.entitiesOf(phone);
            const best = ENTITY_ORDER.map((k) => all.find((e) => e.kind === k)).find((e) => e !== undefined);
            if (!best)
                return null;
            const openWork = all.filter((e) => (e.kind === 'lead' || e.kind === 'deal') && e.status === 'open').map(({ kind, id }) => ({ kind, id }));
            const client = best.tags || best.fields ? { client: { tags: best.tags ?? [], fields: best.fields ?? {} } } : {};
            return { entity: { kind: best.kind, id: best.id }, name: best.title, responsibleExtension: best.responsibleExtension, openWork, ...client };
        });
    }
    createEntity(entity) {
        if (entity.title.trim() === '')
            return Promise.reject(new PermanentError('entity title is empty'));
        return this.run('createEntity', () => this.store.createEntity(entity, this.now()));
    }
    /** Registers the call (once) and shows its card to `showTo` (a set: a retry changes nothing; none after finish). */
    registerCall(call) {
        const ref = { callId: call.callId, crmCallId: call.crmCallId ?? `local-${call.callId}`, entity: call.entity };
        return this.run('registerCall', async () => {
            const registered = await this.store.registerCall(ref, call);
            const finished = (await this.store.callField(call.callId, 'finish')) !== null;
            const showTo = call.showTo ?? []; // tolerated missing from callers built before the field
            if (!finished && showTo.length > 0)
                await this.store.changeCards(call.callId, showTo, true);
            return registered;
        });
    }
    card = {
        show: (ref, extensions) => this.run('card.show', () => this.store.changeCards(ref.callId, extensions, true)),
        hide: (ref, extensions) => this.run('card.hide', () => this.store.changeCards(ref.callId, extensions, false)),
    };
    responsible = {
        /** The call's user and, like ASSIGNED_BY_ID in a CRM, the responsible of the entity it is bound to. */
        set: (ref, extension) => this.run('responsible.set', async () => {
            await this.store.setCallField(ref.callId, 'responsible', extension, false);
            if (ref.entity)
                await this.store.setEntityResponsible(ref.entity, extension);
        }),
        find: (phone) => this.run('responsible.find', async () => {
            const match = await this.findByPhone(phone);
            const extension = match?.responsibleExtension ?? null;
            if (extension === null)
                return null;
            return { extension, userId: this.opts.users[extension] ?? null, name: null };
        }),
    };
    /** Keeps every recording, in order (the call entry's `recordings`; `recording` is the first). */
    recordings = {
        attach: (ref, files) => this.run('recordings.attach', async () => {
            await this.store.setCallField(ref.callId, 'recording', JSON.stringify(files), false);
        }),
    };
    tasks = {
        create: (ref, task) => this.run('tasks.create', async () => { await this.store.setCallField(ref.callId, 'task', JSON.stringify(task), true); }),
        complete: (ref, closed) => this.run('tasks.complete', () => completeLocalTask(this.store, ref, closed)),
    };
    /** The first finish wins; a repeated finish is a no-op. The card is closed for everyone. */
    finishCall(ref, end) {
        return this.run('finishCall', async () => {
            await this.store.setCallField(ref.callId, 'finish', JSON.stringify(end), true);
            await this.store.changeCards(ref.callId, await this.store.cards(ref.callId), false);
        });
    }
    /** The call-back task of a missed call and its close (read side, for tests and the demo). */
    callbackTask(callId) {
        return localCallbackTask(this.store, callId);
    }
    /** The rules file's users map extension → user id; an id that is itself an extension maps to itself. */
    async extensionOfUser(crmUserId) {
        const mapped = Object.entries(this.opts.users).find(([, userId]) => userId === crmUserId);
        if (mapped)
            return mapped[0];
        return /^\d{1,9}$/.test(crmUserId) ? crmUserId : null;
    }
    async close() { }
    // ---- read side (not part of CrmAdapter): for the HTTP API, the demo and tests ----
    /** Calls in an entity's history (or an unbound number's: { kind: 'phone', id: phone }), newest first. */
    history(owner, limit = 50) {
        return this.run('history', async () => {
            const ids = await this.store.historyIds(owner, limit);
            const calls = await Promise.all(ids.map((id) => this.store.storedCall(id)));
            return calls.filter((c) => c !== null).map(toCallEntry);
        });
    }
    entity(ref) {
        return this.run('entity', () => this.store.entity(ref));
    }
    entitiesOf(phone) {
        return this.run('entitiesOf', () => this.store.entitiesOf(phone));
    }
    /** Sets a client's tags and/or fields (replacing each given one), read by routing rules through findByPhone. False: no such entity. */
    setClientData(ref, data) {
        return this.run('setClientData', () => this.store.setClientData(ref, data));
    }
    /** Closes (or reopens) a lead or deal: closed work no longer blocks repeat sales. */
    setStatus(ref, status) {
        return this.run('setStatus', () => this.store.setEntityStatus(ref, status));
    }
    cardsShown(callId) {
        return this.run('cardsShown', () => this.store.cards(callId));
    }
    callEntry(callId) {
        return this.run('callEntry', async () => {
            const c = await this.store.storedCall(callId);
            return c === null ? null : toCallEntry(c);
        });
    }
    task(callId) {
        return this.run('task', async () => {
            const raw = await this.store.callField(callId, 'task');
            return raw === null ? null : JSON.parse(raw);
        });
    }
}
