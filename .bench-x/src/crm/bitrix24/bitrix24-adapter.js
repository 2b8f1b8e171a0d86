import { callUserOf } from './adapter-context.js';
import { Bitrix24Client } from './bitrix24-client.js';
import { attachRecordings } from './call-recordings.js';
import { finishCall } from './call-finish.js';
import { registerCall } from './call-registration.js';
import { CallStore } from './call-store.js';
import { clientDataOf, clientFieldsWanted } from './client-fields.js';
import { CardOrder } from './card-order.js';
import { cardUsers, reviseCard } from './card-revision.js';
import { phoneMatch, responsibleExtension, searchByPhone } from './crm-lookup.js';
import { createEntityParams, reminderRequest, taskRequest, updateResponsibleRequest } from './entity-requests.js';
import { SearchCache } from './search-cache.js';
import { completeBitrix24Task, rememberedTask } from './task-completion.js';
import { bitrix24EntityUrl } from './entity-url.js';
import { UserDirectory } from './user-directory.js';
import { NO_RECORDING_PATHS } from '../recording-files.js';
/**
 * Call stages waiting on the client at once: enough to fill every batch the budget lets go (BITRIX24_BATCH_MAX commands,
 * BITRIX24_MAX_IN_FLIGHT requests at a time) twice over, since a stage makes up to two requests one after the other.
 */
export function bitrix24StagesInFlight(b24) {
    return Math.min(256, Math.max(8, 2 * b24.batch.maxCommands * b24.batch.maxInFlight));
}
/** searchCrmEntities answers are reused this long (the dialplan's lookup, then the call's find-or-create). */
const SEARCH_CACHE_MS = 15_000;
/** The Bitrix24 CrmAdapter (telephony.externalCall.* + crm.*). Business rules stay in sync/; this only maps. */
export function createBitrix24Adapter(b24, deps) {
    const log = deps.log.child({ component: 'crm', crm: 'bitrix24' });
    const client = new Bitrix24Client(b24, { redis: deps.redis, keyPrefix: deps.prefix, log });
    const users = new UserDirectory(client, { overrides: deps.users, refreshSec: b24.usersRefreshSec, log });
    const store = new CallStore(deps.redis, deps.prefix);
    const ctx = {
        b24, client, users, store, search: new SearchCache(SEARCH_CACHE_MS), cardOrder: new CardOrder(), log, recordingPaths: deps.recordings ?? NO_RECORDING_PATHS,
    };
    const wanted = clientFieldsWanted(deps.clientData);
    if (b24.defaultUserId === null) {
        log.warn('BITRIX24_DEFAULT_USER_ID is not set: a call with no known operator goes to its client\'s responsible, else to the portal\'s first active user');
    }
    return {
        name: 'bitrix24', client, createOnRegister: true, fewerRequests: true, stagesInFlight: bitrix24StagesInFlight(b24), problem: () => client.problem(),
        findByPhone: async (phone, lookup) => {
            const hits = await search(ctx, phone);
            const [match, data] = await Promise.all([
                phoneMatch(client, users, hits, lookup?.openWork === true), hits[0] ? clientDataOf(client, hits[0].entity, wanted) : undefined,
            ]);
            return match && data ? { ...match, client: data } : match;
        },
        createEntity: (entity) => createEntity(ctx, entity),
        registerCall: (call) => registerCall(ctx, call, (entity) => createEntity(ctx, entity)),
        finishCall: (ref, end) => finishCall(ctx, ref, end),
        extensionOfUser: (userId) => users.extensionOf(userId),
        entityUrl: (entity) => bitrix24EntityUrl(b24.auth.kind === 'webhook' ? b24.auth.baseUrl : b24.auth.restUrl, entity),
        close: async () => { users.close(); await client.close(); },
        card: {
            show: (ref, extensions, wanted) => pushCard(ctx, 'show', ref, extensions, wanted),
            hide: (ref, extensions) => pushCard(ctx, 'hide', ref, extensions),
        },
        tasks: { create: (ref, task) => createTask(ctx, ref, task), complete: (ref, closed) => completeBitrix24Task(ctx, ref, closed) },
        responsible: { find: (phone) => findResponsible(ctx, phone), set: (ref, extension) => setResponsible(ctx, ref, extension) },
        recordings: { attach: (ref, files) => attachRecordings(ctx, ref, files) },
    };
}
/** searchCrmEntities through the short cache; every hit's ASSIGNED_BY_ID is remembered for setResponsible. */
async function search(ctx, phone) {
    return ctx.search.lookup(phone, async () => {
        const hits = await searchByPhone(ctx.client, phone);
        await Promise.all(hits.map((h) => (h.assignedUserId ? ctx.store.rememberAssignee(h.entity, h.assignedUserId) : undefined)));
        return hits;
    });
}
async function createEntity(ctx, entity) {
    const dedupKey = [entity.kind, entity.phone, entity.contact?.id ?? '-', entity.title].join('|');
    const before = await ctx.store.recall('created', dedupKey);
    if (before)
        return { kind: entity.kind, id: before };
    const userId = await ctx.users.userIdOf(entity.responsibleExtension);
    const { method, params } = createEntityParams(entity, userId, ctx.b24.dealCategoryId);
    const id = String(await ctx.client.call(method, params));
    await ctx.store.remember('created', dedupKey, id);
    ctx.search.forgetPhone(entity.phone);
    if (userId)
        await ctx.store.rememberAssignee({ kind: entity.kind, id }, userId);
    return { kind: entity.kind, id };
}
/** A show with `wanted` is asked again as it leaves the client (it may wait for the budget): to those no longer wanted, no card. */
async function pushCard(ctx, action, ref, extensions, wanted) {
    const release = ctx.cardOrder.enter(ref.crmCallId);
    let reply = null;
    try {
        const users = await cardUsers(ctx.users, extensions);
        const userIds = users.idsOf(extensions);
        const revise = wanted ? reviseCard(users, wanted, extensions) : undefined;
        if (userIds.length > 0)
            reply = ctx.client.callPage(`telephony.externalcall.${action}`, { CALL_ID: ref.crmCallId, USER_ID: userIds }, { revise });
    }
    finally {
        release();
    }
    const result = reply === null ? null : (await reply).result;
    if (result === false)
        ctx.log.debug({ callId: ref.callId, action }, 'bitrix24 call card: call unknown or finished');
    if (result === null && reply !== null)
        ctx.log.debug({ callId: ref.callId, action }, 'bitrix24 call card: not sent, no longer wanted');
}
async function setResponsible(ctx, ref, extension) {
    const userId = await ctx.users.userIdOf(extension);
    if (!userId) { // the call keeps its user; set UF_PHONE_INNER (or the rules file "users") for next time
        ctx.log.warn({ callId: ref.callId, extension }, 'bitrix24: extension has no user, responsible left unchanged');
        return;
    }
    await ctx.store.setCallResponsible(ref.callId, userId);
    if (!ref.entity || (await ctx.store.assignee(ref.entity)) === userId)
        return; // already that user's: nothing to send
    const { method, params } = updateResponsibleRequest(ref.entity, userId);
    await ctx.client.call(method, params);
    await ctx.store.rememberAssignee(ref.entity, userId);
    await ctx.search.forgetEntity(ref.entity);
}
/**
 * The call-back task goes to the call's CRM entity (or the one the number belongs to) as crm.activity.todo.add /
 * crm.activity.add; a number with no CRM entity at all gets a personal notification to the responsible instead.
 */
async function createTask(ctx, ref, task) {
    if (await ctx.store.recall('task', task.callId))
        return;
    const owner = task.entity ?? ref.entity ?? (await search(ctx, task.phone))[0]?.entity ?? null;
    const responsibleId = await callUserOf(ctx, task.responsibleExtension, owner, await ctx.store.callUser(ref.callId));
    const { method, params } = owner
        ? taskRequest(ctx.b24.taskMethod, owner, task, responsibleId)
        : reminderRequest(task, responsibleId);
    const result = await ctx.client.call(method, params);
    const id = typeof result === 'object' && result !== null && 'id' in result ? String(result.id) : String(result);
    await ctx.store.remember('task', task.callId, rememberedTask(method, id));
}
async function findResponsible(ctx, phone) {
    for (const hit of await search(ctx, phone)) {
        const extension = await responsibleExtension(ctx.users, hit);
        if (!extension)
            continue;
        const name = hit.assignedUserId ? await ctx.users.nameOf(hit.assignedUserId) : null;
        return { extension, userId: hit.assignedUserId, name: name || null };
    }
    return null;
}
