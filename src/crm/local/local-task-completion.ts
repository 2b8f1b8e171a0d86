import type { CallbackClosed, CallbackTask, CrmCallRef } from '../adapter.js';
import type { LocalCrmStore } from './local-crm-store.js';

/** A call's call-back task in the local CRM and, once the client was reached, how it was closed. */
export interface LocalCallbackTask {
  readonly task: CallbackTask;
  readonly closed: CallbackClosed | null;
}

/** Marks the missed call's task done (the first close is kept); nothing when the call has no task. */
export async function completeLocalTask(store: LocalCrmStore, ref: CrmCallRef, closed: CallbackClosed): Promise<void> {
  if ((await store.callField(ref.callId, 'task')) === null) return;
  await store.setCallField(ref.callId, 'taskClosed', JSON.stringify(closed), true);
}

export async function localCallbackTask(store: LocalCrmStore, callId: string): Promise<LocalCallbackTask | null> {
  const [task, closed] = await Promise.all([store.callField(callId, 'task'), store.callField(callId, 'taskClosed')]);
  if (task === null) return null;
  return { task: JSON.parse(task) as CallbackTask, closed: closed === null ? null : (JSON.parse(closed) as CallbackClosed) };
}
