import type { CallEvent } from '../calls/call.js';
import { recordingsOf } from '../calls/recording-files.js';
import type { E164 } from '../calls/phone-number.js';
import type { CallFinish, CallbackTask, CrmCallRef } from '../crm/adapter.js';
import { isMissedInbound } from './responsible-policy.js';
import type { SyncRules } from './sync-rules.js';

/** Where the CRM finds a recording: RECORDINGS_BASE_URL + file name when configured, else the path as the PBX gave it. */
export function recordingLocation(file: string, baseUrl: string | null): string {
  if (baseUrl === null) return file;
  const name = file.split('/').pop() ?? file;
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

/** `phone` null: an anonymous caller. */
export function callFinish(ev: CallEvent, phone: E164 | null, finalUser: string | null, rules: Pick<SyncRules, 'recordingsBaseUrl'>): CallFinish {
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
export function callbackTaskFor(
  ev: CallEvent, ref: CrmCallRef, phone: E164, finalUser: string | null,
  rules: Pick<SyncRules, 'callbackTask' | 'callbackDeadlineMin'>, blacklisted: boolean,
): CallbackTask | null {
  // a call whose end was not seen is not known to be missed: no task from a guess
  if (!rules.callbackTask || blacklisted || ev.call.endedUnobserved === true || !isMissedInbound(ev.call)) return null;
  const endedAtMs = ev.call.endedAtMs ?? ev.atMs;
  return {
    callId: ev.call.id, phone, responsibleExtension: finalUser, entity: ref.entity,
    dueAtMs: endedAtMs + rules.callbackDeadlineMin * 60_000, title: `Call back ${phone}`,
  };
}
