import type { RedisClient } from '../../net/redis-client.js';
import type { E164 } from '../../calls/phone-number.js';
import type { Logger } from '../../log.js';
import type {
  CallCardPart, CallFinish, CallStart, CallbackClosed, CallbackTask, CrmAdapter, CrmCallRef, EntityRef, NewEntity, PhoneLookup, PhoneMatch,
  RecordingsPart, ResponsiblePart, TasksPart,
} from '../adapter.js';
import { PermanentError, RetryableError } from '../../errors.js';
import { toCallEntry, type LocalCallEntry } from './local-call-entry.js';
import { LocalCrmStore, type LocalEntity } from './local-crm-store.js';
import { completeLocalTask, localCallbackTask, type LocalCallbackTask } from './local-task-completion.js';

export interface LocalCrmOptions {
  readonly redis: RedisClient;
  readonly prefix: string;                                // REDIS_PREFIX
  readonly users: Readonly<Record<string, string>>;       // the rules file's users: extension → user id
  readonly log: Logger;
  readonly now?: () => number;
}

const ENTITY_ORDER = ['contact', 'company', 'lead', 'deal'] as const;

/**
 * The embedded CRM: contacts, companies, leads and deals keyed by phone, every call in its client's history,
 * call cards, responsible persons and call-back tasks, all in Redis. A Redis failure is a RetryableError.
 */
export class LocalCrmAdapter implements CrmAdapter {
  readonly name = 'local';
  private readonly store: LocalCrmStore;
  private readonly now: () => number;

  constructor(private readonly opts: LocalCrmOptions) {
    this.store = new LocalCrmStore(opts.redis, opts.prefix);
    this.now = opts.now ?? Date.now;
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RetryableError || err instanceof PermanentError) throw err;
      throw new RetryableError(`local CRM storage unavailable (${what})`, undefined, { cause: err });
    }
  }

  /** Open work is always filled (it costs nothing here), whatever the lookup asks. */
  findByPhone(phone: E164, _lookup?: PhoneLookup): Promise<PhoneMatch | null> {
    return this.run('findByPhone', async () => {
      const all = await this.store.entitiesOf(phone);
      const best = ENTITY_ORDER.map((k) => all.find((e) => e.kind === k)).find((e): e is LocalEntity => e !== undefined);
      if (!best) return null;
      const openWork = all.filter((e) => (e.kind === 'lead' || e.kind === 'deal') && e.status === 'open').map(({ kind, id }) => ({ kind, id }));
      const client = best.tags || best.fields ? { client: { tags: best.tags ?? [], fields: best.fields ?? {} } } : {};
      return { entity: { kind: best.kind, id: best.id }, name: best.title, responsibleExtension: best.responsibleExtension, openWork, ...client };
    });
  }

  createEntity(entity: NewEntity): Promise<EntityRef> {
    if (entity.title.trim() === '') return Promise.reject(new PermanentError('entity title is empty'));
    return this.run('createEntity', () => this.store.createEntity(entity, this.now()));
  }

  /** Registers the call (once) and shows its card to `showTo` (a set: a retry changes nothing; none after finish). */
  registerCall(call: CallStart): Promise<CrmCallRef> {
    const ref: CrmCallRef = { callId: call.callId, crmCallId: call.crmCallId ?? `local-${call.callId}`, entity: call.entity };
    return this.run('registerCall', async () => {
      const registered = await this.store.registerCall(ref, call);
      const finished = (await this.store.callField(call.callId, 'finish')) !== null;
      const showTo = call.showTo ?? [];                // tolerated missing from callers built before the field
      if (!finished && showTo.length > 0) await this.store.changeCards(call.callId, showTo, true);
      return registered;
    });
  }

  readonly card: CallCardPart = {
    show: (ref, extensions) => this.run('card.show', () => this.store.changeCards(ref.callId, extensions, true)),
    hide: (ref, extensions) => this.run('card.hide', () => this.store.changeCards(ref.callId, extensions, false)),
  };

  readonly responsible: ResponsiblePart = {
    /** The call's user and, like ASSIGNED_BY_ID in a CRM, the responsible of the entity it is bound to. */
    set: (ref, extension) => this.run('responsible.set', async () => {
      await this.store.setCallField(ref.callId, 'responsible', extension, false);
      if (ref.entity) await this.store.setEntityResponsible(ref.entity, extension);
    }),
    find: (phone) => this.run('responsible.find', async () => {
      const match = await this.findByPhone(phone);
      const extension = match?.responsibleExtension ?? null;
      if (extension === null) return null;
      return { extension, userId: this.opts.users[extension] ?? null, name: null };
    }),
  };

  /** Keeps every recording, in order (the call entry's `recordings`; `recording` is the first). */
  readonly recordings: RecordingsPart = {
    attach: (ref, files) => this.run('recordings.attach', async () => {
      await this.store.setCallField(ref.callId, 'recording', JSON.stringify(files), false);
    }),
  };

  readonly tasks: TasksPart = {
    create: (ref, task) => this.run('tasks.create', async () => { await this.store.setCallField(ref.callId, 'task', JSON.stringify(task), true); }),
    complete: (ref, closed: CallbackClosed) => this.run('tasks.complete', () => completeLocalTask(this.store, ref, closed)),
  };

  /** The first finish wins; a repeated finish is a no-op. The card is closed for everyone. */
  finishCall(ref: CrmCallRef, end: CallFinish): Promise<void> {
    return this.run('finishCall', async () => {
      await this.store.setCallField(ref.callId, 'finish', JSON.stringify(end), true);
      await this.store.changeCards(ref.callId, await this.store.cards(ref.callId), false);
    });
  }

  /** The call-back task of a missed call and its close (read side, for tests and the demo). */
  callbackTask(callId: string): Promise<LocalCallbackTask | null> {
    return localCallbackTask(this.store, callId);
  }

  /** The rules file's users map extension → user id; an id that is itself an extension maps to itself. */
  async extensionOfUser(crmUserId: string): Promise<string | null> {
    const mapped = Object.entries(this.opts.users).find(([, userId]) => userId === crmUserId);
    if (mapped) return mapped[0];
    return /^\d{1,9}$/.test(crmUserId) ? crmUserId : null;
  }

  async close(): Promise<void> { /* the Redis connection belongs to the caller */ }

  // ---- read side (not part of CrmAdapter): for the HTTP API, the demo and tests ----

  /** Calls in an entity's history (or an unbound number's: { kind: 'phone', id: phone }), newest first. */
  history(owner: EntityRef | { kind: 'phone'; id: E164 }, limit = 50): Promise<LocalCallEntry[]> {
    return this.run('history', async () => {
      const ids = await this.store.historyIds(owner, limit);
      const calls = await Promise.all(ids.map((id) => this.store.storedCall(id)));
      return calls.filter((c) => c !== null).map(toCallEntry);
    });
  }

  entity(ref: EntityRef): Promise<LocalEntity | null> {
    return this.run('entity', () => this.store.entity(ref));
  }

  entitiesOf(phone: E164): Promise<LocalEntity[]> {
    return this.run('entitiesOf', () => this.store.entitiesOf(phone));
  }

  /** Sets a client's tags and/or fields (replacing each given one), read by routing rules through findByPhone. False: no such entity. */
  setClientData(ref: EntityRef, data: { readonly tags?: readonly string[]; readonly fields?: Readonly<Record<string, string>> }): Promise<boolean> {
    return this.run('setClientData', () => this.store.setClientData(ref, data));
  }

  /** Closes (or reopens) a lead or deal: closed work no longer blocks repeat sales. */
  setStatus(ref: EntityRef, status: 'open' | 'closed'): Promise<void> {
    return this.run('setStatus', () => this.store.setEntityStatus(ref, status));
  }

  cardsShown(callId: string): Promise<string[]> {
    return this.run('cardsShown', () => this.store.cards(callId));
  }

  callEntry(callId: string): Promise<LocalCallEntry | null> {
    return this.run('callEntry', async () => {
      const c = await this.store.storedCall(callId);
      return c === null ? null : toCallEntry(c);
    });
  }

  task(callId: string): Promise<CallbackTask | null> {
    return this.run('task', async () => {
      const raw = await this.store.callField(callId, 'task');
      return raw === null ? null : (JSON.parse(raw) as CallbackTask);
    });
  }
}
