import { unobservedNote } from '../unobserved-note.js';
import { callUserOf } from './adapter-context.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { describeUnseen } from './call-recordings.js';
import { statusCode } from './call-mapping.js';
import { recordingParams } from './recording-params.js';
export const FINISH = 'telephony.externalcall.finish';
/** finish's reply when the live call is already gone (the server's own missing ")"): a retried finish. */
const ALREADY_FINISHED = 'Call is not found (call should be registered prior to finishing';
/** telephony.externalcall.finish's parameters (docs/bitrix24-telephony.md §1); CALL_ID may be a batch reference to register's. */
export function finishParams(ctx, callId, userId, end) {
    return {
        CALL_ID: callId, USER_ID: userId, DURATION: Math.max(0, Math.round(end.talkDurationSec)),
        STATUS_CODE: statusCode(end.disposition, end.hangupCause), ADD_TO_CHAT: ctx.b24.addToChat ? 1 : 0,
        FAILED_REASON: end.disposition === 'answered' ? undefined : `${end.disposition}${end.hangupCause === null ? '' : ` (cause ${end.hangupCause})`}`,
    };
}
/** What finish answered: its CRM activity is kept (recordings and notes go into its description), the unseen note written. */
export async function settleFinish(ctx, ref, end, result) {
    const activityId = typeof result === 'object' && result !== null && 'CRM_ACTIVITY_ID' in result ? result.CRM_ACTIVITY_ID : null;
    if (typeof activityId === 'number' || typeof activityId === 'string')
        await ctx.store.saveActivity(ref.callId, String(activityId));
    await describeUnseen(ctx, ref, unobservedNote(end));
}
/**
 * finish, with the first recording's attachRecord right behind it in the same batch when it is small enough to ride
 * along (commands of a batch run in order, and attachRecord needs the call finished); recordings.attach then skips it.
 */
export async function finishCall(ctx, ref, end) {
    await ctx.cardOrder.queued(ref.crmCallId); // a hide issued together with finish goes first
    const userId = await callUserOf(ctx, end.extension, ref.entity, await ctx.store.callUser(ref.callId));
    const first = end.recordingFiles[0];
    const record = first === undefined ? null : await recordingRideAlong(ctx, ref, first);
    const finishing = ctx.client.call(FINISH, finishParams(ctx, ref.crmCallId, userId, end));
    const attaching = record ? ctx.client.call(ATTACH_RECORD, { CALL_ID: ref.crmCallId, ...record }).then(() => true, () => false) : null;
    let result = null;
    try {
        result = await finishing;
    }
    catch (err) {
        if (!(err instanceof Bitrix24Error && err.description.startsWith(ALREADY_FINISHED)))
            throw err;
    }
    if (first !== undefined && attaching && (await attaching))
        await ctx.store.remember('attached', attachedKey(ref.callId, first), '1');
    await settleFinish(ctx, ref, end, result); // after a retried finish too: the note may be what failed
}
export const ATTACH_RECORD = 'telephony.externalCall.attachRecord';
export function attachedKey(callId, file) {
    return `${callId}:${file}`;
}
/** attachRecord's parameters when the recording can go in finish's batch now (a URL, or a small file already there); else null. */
async function recordingRideAlong(ctx, ref, file) {
    if (await ctx.store.recall('attached', attachedKey(ref.callId, file)))
        return null;
    try {
        const { params, large } = await recordingParams(file, ctx.b24.recording, ctx.recordingPaths, () => Promise.resolve(Date.now()));
        return large ? null : params;
    }
    catch {
        return null; // recordings.attach reports it (and waits for a late file)
    }
}
