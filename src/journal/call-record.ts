import type { CallSnapshot } from '../calls/call.js';
import type { EntityRef } from '../crm/adapter.js';
import { recordingsOf } from '../calls/recording-files.js';

/** Where the call went in the CRM (null for calls kept out of it: internal ones, or no adapter yet). */
export interface CallRecordCrm {
  readonly adapter: string;
  readonly crmCallId: string;
  readonly entity: EntityRef | null;
}

/** The parts of the tracker's snapshot the journal keeps, as they are. */
type KeptFields = 'id' | 'direction' | 'externalNumber' | 'line' | 'callerExtension' | 'rang' | 'startedAtMs' | 'answeredAtMs'
  | 'endedAtMs' | 'ringDurationSec' | 'talkDurationSec' | 'disposition' | 'hangupCause' | 'recordingFile' | 'recordingFiles' | 'queue' | 'transfers'
  | 'endedUnobserved' | 'endReason' | 'answerUnobserved';

/** One ended call as the journal keeps it: the snapshot's facts, who handled it, and where it went in the CRM. */
export type CallRecord = Pick<CallSnapshot, KeptFields> & {
  /** Who handled it: the final user the sync chose (answerer, caller of an outbound call, missed-call owner), else the answerer. */
  readonly agent: string | null;
  readonly crm: CallRecordCrm | null;
  /** Missed inbound calls only: the later answered call with this number (either way) that called the client back, or null. */
  readonly calledBack?: CalledBack | null;
  /** Present on a missed inbound call that came in while its line was out of its working hours (rules file `lines`). */
  readonly outOfHours?: true;
};

/** The answered call that called a missed caller back (see call-callbacks.ts). */
export interface CalledBack {
  readonly atMs: number;
  readonly by: string | null;
  readonly callId: string;
}


/** The working-hours calendar of the lines (src/calls/line-calendar.ts); a line without hours is always open. */
export interface LineHoursCheck {
  isOpenAt(line: string | null, atMs: number): boolean;
}

/** A missed inbound call whose start fell outside its line's hours (the calendar the dialplan route answers with). */
export function isMissedOutOfHours(call: CallSnapshot, hours: LineHoursCheck | null): boolean {
  if (!hours || call.direction !== 'inbound' || call.answeredAtMs !== null || call.endedAtMs === null) return false;
  return !hours.isOpenAt(call.line, call.startedAtMs);
}

export function toCallRecord(call: CallSnapshot, responsible: string | null, crm: CallRecordCrm | null, hours: LineHoursCheck | null = null): CallRecord {
  return {
    id: call.id, direction: call.direction, externalNumber: call.externalNumber, line: call.line,
    callerExtension: call.callerExtension, agent: responsible ?? call.answeredBy, rang: call.rang,
    startedAtMs: call.startedAtMs, answeredAtMs: call.answeredAtMs, endedAtMs: call.endedAtMs,
    ringDurationSec: call.ringDurationSec, talkDurationSec: call.talkDurationSec, disposition: call.disposition,
    hangupCause: call.hangupCause, recordingFile: call.recordingFile, recordingFiles: recordingsOf(call), queue: call.queue, transfers: call.transfers, crm,
    ...(call.endedUnobserved === true && call.endReason !== undefined ? { endedUnobserved: true, endReason: call.endReason } : {}),
    ...(call.answerUnobserved === true ? { answerUnobserved: true } : {}),
    ...(isMissedOutOfHours(call, hours) ? { outOfHours: true } : {}),
  };
}

/** Every extension involved in a call, for the per-extension index. */
export function extensionsOf(record: CallRecord): string[] {
  const all = [record.callerExtension, record.agent, ...record.rang.map((r) => r.target), ...record.transfers.flatMap((t) => [t.fromExtension, t.toTarget])];
  return [...new Set(all.filter((x): x is string => typeof x === 'string' && /^\d{1,9}$/.test(x)))];
}
