import { Bitrix24Error } from './bitrix24-errors.js';
/**
 * What createTask remembers per call: `<method>:<id>` (crm.activity.todo.add / crm.activity.add: an activity id;
 * im.notify.personal.add: a notification, nothing to complete). A bare id is from before the method was kept: an activity.
 */
export function rememberedTask(method, id) {
    return `${method}:${id}`;
}
function activityIdOf(remembered) {
    const at = remembered.lastIndexOf(':');
    if (at < 0)
        return /^\d+$/.test(remembered) ? remembered : null;
    const method = remembered.slice(0, at);
    const id = remembered.slice(at + 1);
    return method === 'im.notify.personal.add' || !/^\d+$/.test(id) ? null : id;
}
/**
 * Completes the missed call's to-do/activity with `crm.activity.update` (`fields[COMPLETED]=Y`; both the to-do and
 * the legacy call activity are CRM activities), noting who reached the client in the description's place of a result.
 * An activity deleted by a user in the meantime (NOT_FOUND) is left alone: nothing is left to complete.
 */
export async function completeBitrix24Task(ctx, ref, closed) {
    const remembered = await ctx.store.recall('task', ref.callId);
    const activityId = remembered === null ? null : activityIdOf(remembered);
    if (activityId === null)
        return;
    try {
        await ctx.client.call('crm.activity.update', { id: activityId, fields: { COMPLETED: 'Y' } });
    }
    catch (err) {
        if (err instanceof Bitrix24Error && /not.?found/i.test(`${err.code} ${err.description}`))
            return;
        throw err;
    }
    ctx.log.debug({ callId: closed.callId, byCallId: closed.byCallId }, 'call-back activity completed');
}
