import type { CallFinish, CrmCallRef } from '../adapter.js';
import { unobservedNote } from '../unobserved-note.js';
import { callUserOf, type Bitrix24Context } from './adapter-context.js';
import type { BatchRef } from './batch-envelope.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { describeUnseen } from './call-recordings.js';
import { statusCode } from './call-mapping.js';

export const FINISH = 'telephony.externalcall.finish';

/** finish's reply when the live call is already gone (the server's own missing ")"): a retried finish. */
const ALREADY_FINISHED = 'Call is not found (call should be registered prior to finishing';

/** telephony.externalcall.finish's parameters (docs/bitrix24-telephony.md §1); CALL_ID may be a batch reference to register's. */
export function finishParams(ctx: Bitrix24Context, callId: string | BatchRef, userId: string, end: CallFinish): Record<string, unknown> {
  return {
    CALL_ID: callId, USER_ID: userId, DURATION: Math.max(0, Math.round(end.talkDurationSec)),
    STATUS_CODE: statusCode(end.disposition, end.hangupCause), ADD_TO_CHAT: ctx.b24.addToChat ? 1 : 0,
    FAILED_REASON: end.disposition === 'answered' ? undefined : `${end.disposition}${end.hangupCause === null ? '' : ` (cause ${end.hangupCause})`}`,
  };
}

/** What finish answered: its CRM activity is kept (recordings and notes go into its description), the unseen note written. */
export async function settleFinish(ctx: Bitrix24Context, ref: CrmCallRef, end: CallFinish, result: unknown): Promise<void> {
  const activityId = typeof result === 'object' && result !== null && 'CRM_ACTIVITY_ID' in result ? result.CRM_ACTIVITY_ID : null;
  if (typeof activityId === 'number' || typeof activityId === 'string') await ctx.store.saveActivity(ref.callId, String(activityId));
  await describeUnseen(ctx, ref, unobservedNote(end));
}

export async function finishCall(ctx: Bitrix24Context, ref: CrmCallRef, end: CallFinish): Promise<void> {
  await ctx.cardOrder.queued(ref.crmCallId);                 // a hide issued together with finish goes first
  const userId = await callUserOf(ctx, end.extension, ref.entity, await ctx.store.callUser(ref.callId));
  let result: unknown = null;
  try {
    result = await ctx.client.call<unknown>(FINISH, finishParams(ctx, ref.crmCallId, userId, end));
  } catch (err) {
    if (!(err instanceof Bitrix24Error && err.description.startsWith(ALREADY_FINISHED))) throw err;
  }
  await settleFinish(ctx, ref, end, result); // after a retried finish too: the note may be what failed
}
