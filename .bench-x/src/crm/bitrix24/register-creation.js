import { BatchRef } from './batch-envelope.js';
import { createEntityParams } from './entity-requests.js';
function memoryKey(callId, kind) {
    return `call:${callId}:${kind}`;
}
/** What an earlier attempt of this call already created, per entity of `create`. */
async function createdBefore(ctx, callId, create) {
    return Promise.all(create.map(async (e) => {
        const id = await ctx.store.recall('created', memoryKey(callId, e.kind));
        return id ? { kind: e.kind, id } : null;
    }));
}
/** The chain's creation steps (first in the chain) for what is not created yet. */
export async function planCreation(ctx, call) {
    const entities = call.create ?? [];
    const before = await createdBefore(ctx, call.callId, entities);
    const steps = [];
    const stepOf = [];
    const contactAt = entities.findIndex((e) => e.kind === 'contact' || e.kind === 'company');
    for (const [i, entity] of entities.entries()) {
        if (before[i]) {
            stepOf.push(-1);
            continue;
        }
        const userId = await ctx.users.userIdOf(entity.responsibleExtension);
        const { method, params } = createEntityParams(entity, userId, ctx.b24.dealCategoryId);
        const owner = i === contactAt || contactAt < 0 || entity.contact ? null : ownerRef(entities, before, stepOf, contactAt);
        stepOf.push(steps.length);
        steps.push({ method, params: owner ? { ...params, fields: { ...params['fields'], ...owner } } : params });
    }
    return { entities, before, stepOf, steps };
}
/** A lead/deal created with a new contact is bound to it: by id if created already, else by a batch reference. */
function ownerRef(entities, before, stepOf, at) {
    const kind = entities[at]?.kind === 'company' ? 'COMPANY_ID' : 'CONTACT_ID';
    const known = before[at];
    if (known)
        return { [kind]: known.id };
    const step = stepOf[at];
    return step === undefined || step < 0 ? {} : { [kind]: new BatchRef(step, []) };
}
/** register's CRM_ENTITY_TYPE/ID for the entity the call is bound to (the first one of `create`; deals bind nothing). */
export function bindParams(plan) {
    const entity = plan.entities[0];
    if (!entity || entity.kind === 'deal')
        return {};
    const known = plan.before[0];
    const step = plan.stepOf[0] ?? -1;
    return { CRM_ENTITY_TYPE: entity.kind.toUpperCase(), CRM_ENTITY_ID: known ? known.id : new BatchRef(step, []) };
}
/** Remembers what the chain created (before anything else can fail) and reports the first creation failure. */
export async function settleCreation(ctx, call, plan, outcomes) {
    let error = null;
    const created = await Promise.all(plan.entities.map(async (entity, i) => {
        const known = plan.before[i];
        if (known)
            return known;
        const outcome = outcomes[plan.stepOf[i] ?? -1];
        if (!outcome?.ok) {
            error ??= outcome?.error ?? new Error(`Bitrix24 ${entity.kind} creation: no reply`);
            return null;
        }
        const ref = { kind: entity.kind, id: String(outcome.page.result) };
        await ctx.store.remember('created', memoryKey(call.callId, entity.kind), ref.id);
        ctx.search.forgetPhone(entity.phone);
        const userId = await ctx.users.userIdOf(entity.responsibleExtension);
        if (userId)
            await ctx.store.rememberAssignee(ref, userId);
        return ref;
    }));
    return { created, error };
}
/** A retry of a call registered while one of its creations failed: create what is still missing, one by one. */
export async function createMissing(ctx, call, create) {
    const entities = call.create ?? [];
    const before = await createdBefore(ctx, call.callId, entities);
    const refs = [];
    for (const [i, entity] of entities.entries()) {
        const contact = entity.contact ?? (i > 0 && (refs[0]?.kind === 'contact' || refs[0]?.kind === 'company') ? refs[0] : null);
        const ref = before[i] ?? (await create({ ...entity, contact }));
        await ctx.store.remember('created', memoryKey(call.callId, entity.kind), ref.id);
        refs.push(ref);
    }
    return refs;
}
