import { PermanentError } from '../../errors.js';
/** The task id in `POST crm/task`'s reply (`ID`, or `id` as some versions write it), or null. */
export function taskIdOf(reply) {
    if (typeof reply !== 'object' || reply === null)
        return null;
    const id = 'ID' in reply ? reply.ID : 'id' in reply ? reply.id : null;
    return typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)) ? String(id) : null;
}
/**
 * Closes the missed call's call-back task: `PUT crm/task/{id}/close` (CRMApi.Tasks.cs CloseTask). A task the reply
 * gave no id for, or one a user deleted meanwhile (404), leaves nothing to close.
 */
export async function completeOnlyofficeTask(d, ref, _closed) {
    if (await d.store.isDone(ref.callId, 'taskClosed'))
        return;
    const taskId = await d.store.get(ref.callId, 'taskId');
    if (taskId === null || taskId === '')
        return;
    try {
        await d.client.call({ method: 'PUT', path: `crm/task/${encodeURIComponent(taskId)}/close` });
    }
    catch (err) {
        if (!(err instanceof PermanentError && /\b404\b|not found/i.test(err.message)))
            throw err;
    }
    await d.store.markDone(ref.callId, 'taskClosed');
}
