import type { Direction, Disposition } from '../../calls/call.js';
import type { CallFinish, CallStart, CrmCallRef, EntityRef } from '../adapter.js';

/** One call in a client's history in the local CRM. */
export interface LocalCallEntry {
  readonly callId: string;
  readonly crmCallId: string;
  readonly kind: 'incoming' | 'outgoing';
  readonly direction: Exclude<Direction, 'internal'>;
  readonly client: string | null;        // the outside number; null for an anonymous caller
  readonly entity: EntityRef | null;
  readonly line: string | null;
  readonly agent: string | null;         // final user, else responsible, else the first extension
  readonly startedAtMs: number;
  readonly answeredAtMs: number | null;
  readonly endedAtMs: number | null;
  readonly talkDurationSec: number | null;
  readonly ringDurationSec: number | null;
  readonly disposition: Disposition | null;
  readonly hangupCause: number | null;
  /** The first recording (recordings[0]), or null. */
  readonly recording: string | null;
  /** Every recording of the call, in order. */
  readonly recordings: readonly string[];
}

export interface StoredCall {
  readonly ref: CrmCallRef;
  readonly start: CallStart;
  readonly finish: CallFinish | null;
  readonly responsible: string | null;
  /** The attached recordings: a JSON list (a single path from before the list). */
  readonly recording: string | null;
}

function recordingsOf(c: StoredCall): readonly string[] {
  if (c.recording === null) return c.finish?.recordingFiles ?? (c.finish?.recordingFile ? [c.finish.recordingFile] : []);
  if (!c.recording.startsWith('[')) return [c.recording];
  const parsed: unknown = JSON.parse(c.recording);
  return Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === 'string') : [];
}

export function toCallEntry(c: StoredCall): LocalCallEntry {
  const f = c.finish;
  const answeredAtMs = f?.answeredAtMs ?? null;
  const ringEndMs = answeredAtMs ?? f?.endedAtMs ?? null;
  const recordings = recordingsOf(c);
  return {
    callId: c.ref.callId, crmCallId: c.ref.crmCallId, kind: c.start.direction === 'inbound' ? 'incoming' : 'outgoing',
    direction: c.start.direction, client: c.start.phone, entity: c.ref.entity, line: c.start.line,
    agent: f?.extension ?? c.responsible ?? c.start.extension,
    startedAtMs: c.start.startedAtMs, answeredAtMs, endedAtMs: f?.endedAtMs ?? null,
    talkDurationSec: f?.talkDurationSec ?? null,
    ringDurationSec: ringEndMs === null ? null : Math.max(0, Math.round((ringEndMs - c.start.startedAtMs) / 1000)),
    disposition: f?.disposition ?? null, hangupCause: f?.hangupCause ?? null, recording: recordings[0] ?? null, recordings,
  };
}
