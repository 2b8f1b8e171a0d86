/** Marks the missed call's task done (the first close is kept); nothing when the call has no task. */
export async function completeLocalTask(store, ref, closed) {
    if ((await store.callField(ref.callId, 'task')) === null)
        return;
    await store.setCallField(ref.callId, 'taskClosed', JSON.stringify(closed), true);
}
export async function localCallbackTask(store, callId) {
    const [task, closed] = await Promise.all([store.callField(callId, 'task'), store.callField(callId, 'taskClosed')]);
    if (task === null)
        return null;
    return { task: JSON.parse(task), closed: closed === null ? null : JSON.parse(closed) };
}
