import type { Redis } from 'ioredis';
import type { OnlyofficeConfig } from '../../config/onlyoffice-env.js';
import type { Logger } from '../../log.js';
import type { CrmAdapter, CrmCapability } from '../adapter.js';
import { RetryableError } from '../crm-errors.js';
import { attachRecordings, createTask, finishCall, registerCall, type StageDeps } from './call-stages.js';
import { completeOnlyofficeTask } from './task-completion.js';
import { CategoryResolver } from './category-resolver.js';
import { findContactByPhone } from './contact-lookup.js';
import { createEntity } from './entity-creation.js';
import { OnlyofficeClient } from './onlyoffice-client.js';
import { idField } from './onlyoffice-fields.js';
import { OnlyofficeStore } from './onlyoffice-store.js';

export type OnlyofficeAdapter = CrmAdapter & { readonly client: OnlyofficeClient };

export interface OnlyofficeAdapterDeps {
  readonly redis: Redis;
  /** REDIS_PREFIX: the adapter's memory lives under `<prefix>:oo:`. */
  readonly prefix: string;
  /** The rules file's "users" (extension → ONLYOFFICE user GUID); they override ONLYOFFICE_USERS. */
  readonly users?: Readonly<Record<string, string>>;
  readonly log: Logger;
  readonly nowMs?: () => number;
  /** Read each found contact's tags (one more request): set when a client routing rule names a tag. */
  readonly clientTags?: boolean;
}

/**
 * The ONLYOFFICE Workspace CRM adapter (docs/onlyoffice-crm.md, docs/onlyoffice.md): contacts by phone, persons with a
 * phone, opportunities, a "Call" history event per finished call, a call-back task, and the VoIP call journal.
 * ONLYOFFICE has no call card and no documented "responsible of a contact", so those capabilities are absent.
 */
export function createOnlyofficeAdapter(oo: OnlyofficeConfig, deps: OnlyofficeAdapterDeps): OnlyofficeAdapter {
  const log = deps.log.child({ component: 'crm', crm: 'onlyoffice' });
  const client = new OnlyofficeClient(oo, log, deps.nowMs);
  const users: Record<string, string> = { ...oo.users, ...deps.users };
  const userIdOf = (extension: string | null) => (extension === null ? null : users[extension] ?? null);
  if (oo.defaultUserId === null) {
    log.warn('ONLYOFFICE_DEFAULT_USER_ID is not set: a call-back task with no mapped extension goes to the ONLYOFFICE user the daemon signs in as');
  }
  const d: StageDeps = {
    oo, client, store: new OnlyofficeStore(deps.redis, deps.prefix), userIdOf, ownUserId: ownUserOf(client),
    categories: new CategoryResolver(client, { history: oo.historyCategory, task: oo.taskCategory }),
  };
  const capabilities = new Set<CrmCapability>(['recording', 'callbackTask']);
  if (oo.dealStageId !== null) capabilities.add('deals');
  return {
    name: 'onlyoffice', capabilities, client,
    findByPhone: (phone) => findContactByPhone(client, phone, deps.clientTags ?? false),
    createEntity: (entity) => createEntity(d, entity),
    registerCall: (call) => registerCall(d, call),
    showCard: async () => undefined,
    hideCard: async () => undefined,
    // The docs name no way to set a contact's responsible; the answering agent goes into the history event and the journal.
    setResponsible: async () => undefined,
    finishCall: (ref, end) => finishCall(d, ref, end),
    attachRecordings: (ref, files) => attachRecordings(d, ref, files),
    createTask: (ref, task) => createTask(d, ref, task),
    completeTask: (ref, closed) => completeOnlyofficeTask(d, ref, closed),
    findResponsible: async () => null,
    extensionOfUser: async (userId) => {
      const wanted = userId.toLowerCase();
      return Object.entries(users).find(([, guid]) => guid.toLowerCase() === wanted)?.[0] ?? null;
    },
    close: async () => undefined,
  };
}

/** `GET people/@self` once (a failure is asked again next time): the id of the user our token or login belongs to. */
function ownUserOf(client: OnlyofficeClient): () => Promise<string> {
  let own: Promise<string> | null = null;
  const ask = async (): Promise<string> => {
    const id = idField(await client.call({ method: 'GET', path: 'people/@self' }));
    if (id === null) throw new RetryableError('ONLYOFFICE people/@self answered without an id', 10 * 60_000);
    return id;
  };
  return () => (own ??= ask().catch((err: unknown) => { own = null; throw err; }));
}
