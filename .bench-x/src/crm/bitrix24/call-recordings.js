import { RetryableError } from '../../errors.js';
import { Bitrix24Error } from './bitrix24-errors.js';
import { recordingParams } from './recording-params.js';
const NOT_FINISHED_YET = 'Looks like it is not finished yet';
/**
 * The call's recordings (docs/bitrix24-telephony.md §2): attachRecord keeps one record per call (a new one replaces the
 * previous), so the first recording (the start of the conversation) is attached and, when there are more, the call's
 * CRM activity (CRM_ACTIVITY_ID of finish) gets every recording as a link in its description (below the note of an
 * unobserved end, when there is one). A retry repeats both harmlessly: the record is replaced by the same file and the
 * description set to the same text.
 */
export async function attachRecordings(ctx, ref, files) {
    const [first, ...rest] = files;
    if (first === undefined)
        return;
    if ((await ctx.store.recall('attached', `${ref.callId}:${first}`)) === null)
        await attachRecord(ctx, ref, first); // else it rode with finish
    if (rest.length === 0)
        return;
    const activityId = await ctx.store.activity(ref.callId);
    if (activityId === null) {
        ctx.log.warn({ callId: ref.callId, recordings: files.length }, 'bitrix24: no call activity to list the further recordings in');
        return;
    }
    const note = await ctx.store.note(ref.callId);
    const description = [...(note === null ? [] : [note, '']), recordingsDescription(files)].join('\n');
    await ctx.client.call('crm.activity.update', { id: activityId, fields: { DESCRIPTION: description } });
}
/**
 * A call whose end or answer the bridge did not see says so in its CRM activity's description (finish has no field for
 * it): the note is kept, so the recordings listed later keep it above them. A retry sets the same text again.
 */
export async function describeUnseen(ctx, ref, note) {
    if (note === null)
        return;
    await ctx.store.saveNote(ref.callId, note);
    const activityId = await ctx.store.activity(ref.callId);
    if (activityId === null) {
        ctx.log.warn({ callId: ref.callId }, 'bitrix24: no call activity to note the unobserved end in');
        return;
    }
    await ctx.client.call('crm.activity.update', { id: activityId, fields: { DESCRIPTION: note } });
}
/** The activity's description: every recording in order, one a line; the first is the one attached to the call. */
export function recordingsDescription(files) {
    const lines = files.map((file, i) => `${i + 1}. ${file}${i === 0 ? ' (attached to the call)' : ''}`);
    return [`Call recordings (${files.length}, in order):`, ...lines].join('\n');
}
/** attachRecord works only after finish; a new record replaces the previous one, so a retry is harmless. */
async function attachRecord(ctx, ref, file) {
    const since = async () => {
        const key = `${ref.callId}:${file}`;
        const before = await ctx.store.recall('recording-wait', key);
        if (before !== null)
            return Number(before);
        await ctx.store.remember('recording-wait', key, String(Date.now()));
        return Date.now();
    };
    const { params, large } = await recordingParams(file, ctx.b24.recording, ctx.recordingPaths, since);
    try {
        await ctx.client.call('telephony.externalCall.attachRecord', { CALL_ID: ref.crmCallId, ...params }, { solo: large });
    }
    catch (err) {
        if (err instanceof Bitrix24Error && err.description.includes(NOT_FINISHED_YET)) {
            throw new RetryableError('Bitrix24 telephony.externalCall.attachRecord failed (ERROR_CORE): the call is not finished yet; retried in 2 s', 2000);
        }
        throw err;
    }
}
