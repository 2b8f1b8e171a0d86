import { recordingsOf } from '../calls/recording-files.js';
import { isMissedInbound } from './responsible-policy.js';
/** Where the CRM finds a recording: RECORDINGS_BASE_URL + file name when configured, else the path as the PBX gave it. */
export function recordingLocation(file, baseUrl) {
    if (baseUrl === null)
        return file;
    const name = file.split('/').pop() ?? file;
    return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}
/** `phone` null: an anonymous caller. */
export function callFinish(ev, phone, finalUser, rules) {
    const call = ev.call;
    const recordingFiles = recordingsOf(call).map((file) => recordingLocation(file, rules.recordingsBaseUrl));
    return {
        extension: finalUser,
        talkDurationSec: call.talkDurationSec ?? 0,
        disposition: call.disposition ?? (call.answeredAtMs !== null ? 'answered' : 'missed'),
        hangupCause: call.hangupCause,
        endedAtMs: call.endedAtMs ?? ev.atMs,
        direction: call.direction === 'outbound' ? 'outbound' : 'inbound',
        phone,
        line: call.line,
        startedAtMs: call.startedAtMs,
        answeredAtMs: call.answeredAtMs,
        recordingFile: recordingFiles[0] ?? null,
        recordingFiles,
        ...(call.endedUnobserved === true && call.endReason !== undefined ? { endedUnobserved: true, endReason: call.endReason } : {}),
        ...(call.answerUnobserved === true ? { answerUnobserved: true } : {}),
    };
}
/** A missed inbound call (its end seen) from a number that is not blacklisted gets a "call back" task due CALLBACK_TASK_DEADLINE_MIN after the end. */
export function callbackTaskFor(ev, ref, phone, finalUser, rules, blacklisted) {
    // a call whose end was not seen is not known to be missed: no task from a guess
    if (!rules.callbackTask || blacklisted || ev.call.endedUnobserved === true || !isMissedInbound(ev.call))
        return null;
    const endedAtMs = ev.call.endedAtMs ?? ev.atMs;
    return {
        callId: ev.call.id, phone, responsibleExtension: finalUser, entity: ref.entity,
        dueAtMs: endedAtMs + rules.callbackDeadlineMin * 60_000, title: `Call back ${phone}`,
    };
}
