import { callUserOf } from './adapter-context.js';
import { BatchRef } from './batch-envelope.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { afterRegistration } from '../../errors.js';
import { callType, crmEntityTypeForCall, entityKindOf, isoDate, phoneForTelephony } from './call-mapping.js';
import { bindParams, createMissing, planCreation, settleCreation } from './register-creation.js';
import { FINISH, finishParams, settleFinish } from './call-finish.js';
import { cardUsers, reviseCard, reviseRegistrationCards } from './card-revision.js';
const REGISTER = 'telephony.externalcall.register';
const SHOW = 'telephony.externalcall.show';
/**
 * [crm.<kind>.add for CallStart.create, bound by `$result[...]` (register-creation.ts)] + register + the call card in one
 * round trip (docs/bitrix24-telephony.md §1, §5): register's SHOW=1 pops the card for its
 * USER_ID, and the other users of `showTo` get a `show` in the same batch with CALL_ID = `$result[register][CALL_ID]`.
 * The CALL_ID is stored once registered; a retry returns it, showing the cards only if they were not shown yet.
 * A call already over (CallStart.finish) goes with SHOW=0 (showTo is empty) and its finish in the same chain.
 */
export async function registerCall(ctx, call, createOne) {
    const users = await cardUsers(ctx.users, call.showTo);
    const showIds = users.idsOf(call.showTo);
    const reviseShow = call.cardsWanted ? reviseCard(users, call.cardsWanted, call.showTo) : undefined;
    // a call Bitrix24 registered itself (click-to-call) or one registered before: whatever fails now is not a refusal
    if (call.crmCallId)
        return adoptCrmCall(ctx, call, call.crmCallId, showIds, reviseShow).catch((err) => { throw afterRegistration(err); });
    const known = await ctx.store.getCall(call.callId);
    if (known)
        return completeKnown(ctx, call, known, showIds, createOne, reviseShow).catch((err) => { throw afterRegistration(err); });
    const userId = await callUserOf(ctx, call.extension, call.entity);
    const creation = await planCreation(ctx, call);
    const at = creation.steps.length; // register's step; creations come first
    const others = showIds.filter((id) => id !== userId);
    const bind = call.entity || creation.entities.length === 0 ? crmEntityTypeForCall(call.entity) : bindParams(creation);
    const steps = [...creation.steps, { method: REGISTER, params: registerParams(ctx, call, userId, showIds.includes(userId), bind) }];
    if (others.length > 0)
        steps.push({ method: SHOW, params: { CALL_ID: new BatchRef(at, ['CALL_ID']), USER_ID: others } });
    const finishAt = steps.length;
    if (call.finish)
        steps.push({ method: FINISH, params: finishParams(ctx, new BatchRef(at, ['CALL_ID']), await finishUser(ctx, call, userId), call.finish) });
    const wanted = call.cardsWanted;
    const revise = wanted && showIds.length > 0 ? reviseRegistrationCards(users, wanted, call.showTo, at, others.length > 0 ? at + 1 : null) : undefined;
    const outcomes = await ctx.client.callChain(steps, revise);
    const { created, error } = await settleCreation(ctx, call, creation, outcomes);
    const [registered, shown] = outcomes.slice(at, finishAt);
    const finished = call.finish ? outcomes[finishAt] : undefined;
    if (!registered)
        throw new Bitrix24Error(`Bitrix24 ${REGISTER} failed (no reply): the portal answered nothing for it; resend the call (POST /v1/calls/{id}/resend)`, REGISTER, '', '');
    if (!registered.ok)
        throw registered.error;
    const bound = creation.entities.length > 0 && !call.entity ? (created[0] ?? null) : call.entity;
    const ref = refOf({ ...call, entity: bound }, registered.page.result, creation.entities.length > 0);
    await ctx.store.saveCall(ref, userId, shown === undefined || shown.ok);
    if (finished?.ok && call.finish)
        await settleFinish(ctx, ref, call.finish, finished.page.result).catch((err) => { throw afterRegistration(err); });
    const done = finished?.ok === true ? { finished: true } : {}; // a failed finish is retried by sync/ (finishCall)
    if (error) { // the retry finds the CALL_ID and creates what is missing
        ctx.log.warn({ callId: call.callId }, 'bitrix24: entity creation failed in the register batch; the call is registered unbound');
        throw afterRegistration(error);
    }
    if (shown && !shown.ok)
        throw afterRegistration(shown.error); // the retry finds the CALL_ID and shows the cards
    return creation.entities.length > 0 ? { ...ref, ...done, created: created.filter((r) => r !== null) } : { ...ref, ...done };
}
/** A call registered before: the cards its registration still owes, then the entities still to create. */
async function completeKnown(ctx, call, known, showIds, createOne, reviseShow) {
    if (!(await ctx.store.registrationCardsShown(call.callId)))
        await showNow(ctx, known, showIds, reviseShow);
    if (!call.create?.length || !createOne)
        return known;
    return { ...known, created: await createMissing(ctx, call, createOne) };
}
/** The user a call finished in its registration is finished by: its final user, else the one it is registered to. */
async function finishUser(ctx, call, registeredTo) {
    return call.finish ? callUserOf(ctx, call.finish.extension, call.entity, registeredTo) : registeredTo;
}
function registerParams(ctx, call, userId, showToUser, bind) {
    return {
        USER_ID: userId, PHONE_NUMBER: phoneForTelephony(call.phone ?? '', ctx.b24.anonymousNumber), TYPE: callType(call),
        CALL_START_DATE: isoDate(call.startedAtMs), LINE_NUMBER: call.line ?? undefined, EXTERNAL_CALL_ID: call.callId,
        SHOW: showToUser ? 1 : 0, CRM_CREATE: 0, ...bind,
    };
}
/** `bindOnly`: the call is bound to what we created (or to nothing, if that failed), never to register's own match. */
function refOf(call, raw, bindOnly = false) {
    const result = (raw && typeof raw === 'object' ? raw : {});
    const crmCallId = typeof result['CALL_ID'] === 'string' ? result['CALL_ID'] : '';
    if (!crmCallId)
        throw new Bitrix24Error(`Bitrix24 ${REGISTER} failed (no CALL_ID): the portal's answer has no CALL_ID; check that the telephony module is on, then resend the call (POST /v1/calls/{id}/resend)`, REGISTER, '', '');
    const kind = entityKindOf(result['CRM_ENTITY_TYPE']);
    const matched = kind && result['CRM_ENTITY_ID'] !== null && result['CRM_ENTITY_ID'] !== undefined
        ? { kind, id: String(result['CRM_ENTITY_ID']) } : null;
    return { callId: call.callId, crmCallId, entity: bindOnly ? call.entity : call.entity ?? matched };
}
/** Click-to-call: Bitrix24 registered the call itself (OnExternalCallStart), so only the cards are shown. */
async function adoptCrmCall(ctx, call, crmCallId, showIds, revise) {
    const ref = { callId: call.callId, crmCallId, entity: call.entity };
    const known = await ctx.store.getCall(call.callId);
    if (known && (await ctx.store.registrationCardsShown(call.callId)))
        return known;
    await ctx.store.saveCall(ref, await callUserOf(ctx, call.extension, call.entity), false);
    await showNow(ctx, ref, showIds, revise);
    return ref;
}
async function showNow(ctx, ref, userIds, revise) {
    if (userIds.length > 0)
        await ctx.client.call(SHOW, { CALL_ID: ref.crmCallId, USER_ID: userIds }, { revise });
    await ctx.store.markRegistrationCardsShown(ref.callId);
}
