import type { Redis } from 'ioredis';
import type { Config } from '../../config/config.js';
import type { Bitrix24Config } from '../../config/bitrix24-env.js';
import type { Logger } from '../../log.js';
import type { CallFinish, CallStart, CallbackTask, CrmAdapter, CrmCallRef, CrmCapability, EntityRef, NewEntity, Responsible } from '../adapter.js';
import { PermanentError, RetryableError } from '../crm-errors.js';
import { Bitrix24Client } from './bitrix24-client.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { callType, crmEntityTypeForCall, entityKindOf, isoDate, phoneForTelephony, statusCode } from './call-mapping.js';
import { CallStore } from './call-store.js';
import { findByPhone, responsibleExtension, searchByPhone } from './crm-lookup.js';
import { createEntityParams, reminderRequest, taskRequest, updateResponsibleRequest } from './entity-requests.js';
import { recordingParams } from './recording-params.js';
import { UserDirectory } from './user-directory.js';

export type Bitrix24Adapter = CrmAdapter & { close(): Promise<void>; readonly client: Bitrix24Client };

/** finish's reply when the live call is already gone (the server's own missing ")"): a retried finish. */
const ALREADY_FINISHED = 'Call is not found (call should be registered prior to finishing';
const NOT_FINISHED_YET = 'Looks like it is not finished yet';

interface Ctx {
  readonly config: Config; readonly b24: Bitrix24Config; readonly client: Bitrix24Client;
  readonly users: UserDirectory; readonly store: CallStore; readonly log: Logger;
}

/** The Bitrix24 CrmAdapter (telephony.externalCall.* + crm.*). Business rules stay in sync/; this only maps. */
export function createBitrix24Adapter(config: Config, b24: Bitrix24Config, deps: { redis: Redis; log: Logger }): Bitrix24Adapter {
  const log = deps.log.child({ component: 'crm', crm: 'bitrix24' });
  const client = new Bitrix24Client(b24, { redis: deps.redis, keyPrefix: config.redis.prefix, log });
  const users = new UserDirectory(client, { overrides: config.users, refreshSec: b24.usersRefreshSec, log });
  const ctx: Ctx = { config, b24, client, users, store: new CallStore(deps.redis, config.redis.prefix), log };
  const capabilities = new Set<CrmCapability>(['callCard', 'recording', 'callbackTask', 'deals', 'responsible']);
  if (!config.sync.simpleMode) capabilities.add('leads');
  return {
    name: 'bitrix24', capabilities, client,
    findByPhone: (phone) => findByPhone(client, users, phone),
    createEntity: (entity) => createEntity(ctx, entity),
    registerCall: (call) => registerCall(ctx, call),
    showCard: (ref, extensions) => pushCard(ctx, 'show', ref, extensions),
    hideCard: (ref, extensions) => pushCard(ctx, 'hide', ref, extensions),
    setResponsible: (ref, extension) => setResponsible(ctx, ref, extension),
    finishCall: (ref, end) => finishCall(ctx, ref, end),
    attachRecording: (ref, file) => attachRecording(ctx, ref, file),
    createTask: (ref, task) => createTask(ctx, ref, task),
    findResponsible: (phone) => findResponsible(ctx, phone),
    extensionOfUser: (userId) => users.extensionOf(userId),
    close: async () => { users.close(); await client.close(); },
  };
}

async function userOrDefault(ctx: Ctx, extension: string | null): Promise<string | null> {
  return (await ctx.users.userIdOf(extension)) ?? ctx.b24.defaultUserId;
}

function noUser(extension: string | null): PermanentError {
  return new PermanentError(extension
    ? `extension ${extension} has no Bitrix24 user: set UF_PHONE_INNER=${extension} on the user in Bitrix24, map it in the rules file "users", or set BITRIX24_DEFAULT_USER_ID`
    : 'the call has no extension and BITRIX24_DEFAULT_USER_ID is not set');
}

async function createEntity(ctx: Ctx, entity: NewEntity): Promise<EntityRef> {
  const dedupKey = [entity.kind, entity.phone, entity.contact?.id ?? '-', entity.title].join('|');
  const before = await ctx.store.recall('created', dedupKey);
  if (before) return { kind: entity.kind, id: before };
  const userId = await ctx.users.userIdOf(entity.responsibleExtension);
  const { method, params } = createEntityParams(entity, userId, ctx.b24.dealCategoryId);
  const id = String(await ctx.client.call<number | string>(method, params));
  await ctx.store.remember('created', dedupKey, id);
  return { kind: entity.kind, id };
}

async function registerCall(ctx: Ctx, call: CallStart): Promise<CrmCallRef> {
  if (call.crmCallId) {
    const ref = { callId: call.callId, crmCallId: call.crmCallId, entity: call.entity };
    await ctx.store.saveCall(ref, await userOrDefault(ctx, call.extension));
    return ref;
  }
  const known = await ctx.store.getCall(call.callId);
  if (known) return known;
  const userId = await userOrDefault(ctx, call.extension);
  if (!userId) throw noUser(call.extension);
  const result = await ctx.client.call<Record<string, unknown>>('telephony.externalcall.register', {
    USER_ID: userId, PHONE_NUMBER: phoneForTelephony(call.phone, ctx.b24.anonymousNumber), TYPE: callType(call),
    CALL_START_DATE: isoDate(call.startedAtMs), LINE_NUMBER: call.line ?? undefined, EXTERNAL_CALL_ID: call.callId,
    SHOW: 0, CRM_CREATE: 0, ...crmEntityTypeForCall(call.entity),
  });
  const crmCallId = typeof result?.['CALL_ID'] === 'string' ? result['CALL_ID'] : '';
  if (!crmCallId) throw new Bitrix24Error('Bitrix24 telephony.externalcall.register returned no CALL_ID', 'telephony.externalcall.register', '', '');
  const kind = entityKindOf(result['CRM_ENTITY_TYPE']);
  const matched = kind && result['CRM_ENTITY_ID'] !== null && result['CRM_ENTITY_ID'] !== undefined
    ? { kind, id: String(result['CRM_ENTITY_ID']) } : null;
  const ref: CrmCallRef = { callId: call.callId, crmCallId, entity: call.entity ?? matched };
  await ctx.store.saveCall(ref, userId);
  return ref;
}

async function pushCard(ctx: Ctx, action: 'show' | 'hide', ref: CrmCallRef, extensions: readonly string[]): Promise<void> {
  const userIds = await ctx.users.userIdsOf(extensions);
  if (userIds.length === 0) return;
  const shown = await ctx.client.call<boolean>(`telephony.externalcall.${action}`, { CALL_ID: ref.crmCallId, USER_ID: userIds });
  if (shown === false) ctx.log.debug({ callId: ref.callId, action }, 'bitrix24 call card: call unknown or finished');
}

async function setResponsible(ctx: Ctx, ref: CrmCallRef, extension: string): Promise<void> {
  const userId = await ctx.users.userIdOf(extension);
  if (!userId) throw noUser(extension);
  await ctx.store.setCallResponsible(ref.callId, userId);
  if (ref.entity) {
    const { method, params } = updateResponsibleRequest(ref.entity, userId);
    await ctx.client.call(method, params);
  }
}

async function finishCall(ctx: Ctx, ref: CrmCallRef, end: CallFinish): Promise<void> {
  const userId = (await ctx.users.userIdOf(end.extension)) ?? (await ctx.store.callUser(ref.callId)) ?? ctx.b24.defaultUserId;
  if (!userId) throw noUser(end.extension);
  try {
    await ctx.client.call('telephony.externalcall.finish', {
      CALL_ID: ref.crmCallId, USER_ID: userId, DURATION: Math.max(0, Math.round(end.talkDurationSec)),
      STATUS_CODE: statusCode(end.disposition, end.hangupCause), ADD_TO_CHAT: ctx.b24.addToChat ? 1 : 0,
      FAILED_REASON: end.disposition === 'answered' ? undefined : `${end.disposition}${end.hangupCause === null ? '' : ` (cause ${end.hangupCause})`}`,
    });
  } catch (err) {
    if (err instanceof Bitrix24Error && err.description.startsWith(ALREADY_FINISHED)) return;
    throw err;
  }
}

/** attachRecord works only after finish; a new record replaces the previous one, so a retry is harmless. */
async function attachRecording(ctx: Ctx, ref: CrmCallRef, file: string): Promise<void> {
  const { params, large } = await recordingParams(file, ctx.b24.recording, ctx.config.sync.recordingsBaseUrl);
  try {
    await ctx.client.call('telephony.externalCall.attachRecord', { CALL_ID: ref.crmCallId, ...params }, { solo: large });
  } catch (err) {
    if (err instanceof Bitrix24Error && err.description.includes(NOT_FINISHED_YET)) {
      throw new RetryableError('Bitrix24 attachRecord: the call is not finished yet', 2000);
    }
    throw err;
  }
}

/**
 * The call-back task goes to the call's CRM entity (or the one the number belongs to) as crm.activity.todo.add /
 * crm.activity.add; a number with no CRM entity at all gets a personal notification to the responsible instead.
 */
async function createTask(ctx: Ctx, ref: CrmCallRef, task: CallbackTask): Promise<void> {
  if (await ctx.store.recall('task', task.callId)) return;
  const owner = task.entity ?? ref.entity ?? (await searchByPhone(ctx.client, task.phone))[0]?.entity ?? null;
  const responsibleId = await userOrDefault(ctx, task.responsibleExtension);
  if (!owner && !responsibleId) throw noUser(task.responsibleExtension);
  const { method, params } = owner
    ? taskRequest(ctx.b24.taskMethod, owner, task, responsibleId)
    : reminderRequest(task, responsibleId ?? '');
  const result = await ctx.client.call<unknown>(method, params);
  const id = typeof result === 'object' && result !== null && 'id' in result ? String(result.id) : String(result);
  await ctx.store.remember('task', task.callId, id);
}

async function findResponsible(ctx: Ctx, phone: string): Promise<Responsible | null> {
  for (const hit of await searchByPhone(ctx.client, phone)) {
    const extension = await responsibleExtension(ctx.users, hit);
    if (!extension) continue;
    const name = hit.assignedUserId ? await ctx.users.nameOf(hit.assignedUserId) : null;
    return { extension, userId: hit.assignedUserId, name: name || null };
  }
  return null;
}
