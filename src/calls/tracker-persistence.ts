import type { CallState } from './call-state.js';
import type { Leg } from './leg.js';
import { asRecordings } from './recording-files.js';
import { readPbxLiveness, type PbxLiveness } from './pbx-liveness.js';
import type { TrackerCore } from './tracker-core.js';

/**
 * The tracker's whole state as one JSON value, as older versions saved it in Redis: read only (an upgrade in place
 * finds one), nothing writes it any more; the state is saved per call (tracker-delta.ts). Version 2 has every leg and
 * call as a row (an array of its field values, in LEG_FIELDS / CALL_FIELDS order), version 1 as objects. The same
 * rows make the per-call parts.
 */
export type TrackerJson = TrackerJsonV1 | TrackerJsonV2;

interface TrackerJsonCommon {
  readonly nextOrder: number;
  readonly bridges: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly ended: readonly string[];
  /** Absent in states saved before it was kept. */
  readonly pbx?: Readonly<PbxLiveness>;
}

export interface TrackerJsonV1 extends TrackerJsonCommon {
  readonly version: 1;
  readonly legs: readonly Leg[];
  readonly calls: readonly CallState[];
}

export interface TrackerJsonV2 extends TrackerJsonCommon {
  readonly version: 2;
  readonly legs: ReadonlyArray<readonly unknown[]>;
  readonly calls: ReadonlyArray<readonly unknown[]>;
}

/** Ended ids kept in a saved state: enough to drop late events of calls that ended just before a restart. */
export const ENDED_IN_SNAPSHOT = 2_000;

export const LEG_FIELDS = [
  'uid', 'name', 'linkedId', 'callId', 'localBase', 'localHalf', 'firstContext', 'firstExten', 'trunk', 'cidNum', 'connNum',
  'context', 'exten', 'state', 'originated', 'dialled', 'dialledOut', 'operator', 'dialledBy', 'attempt', 'bridgeId', 'hungUp',
] as const satisfies ReadonlyArray<keyof Leg>;

export const CALL_FIELDS = [
  'id', 'order', 'linkedIds', 'legs', 'liveLegs', 'startedAtMs', 'lastEventMs', 'firstLegUid', 'inbound', 'externalNumber', 'line',
  'outbound', 'callerExtension', 'originate', 'attempts', 'answeredBy', 'answeredAtMs', 'transfers', 'queue', 'hangupCause',
  'recordings', 'crmCallId', 'seq', 'announced', 'answerEmitted', 'operatorOutcome', 'causes', 'answerUnobserved',
] as const satisfies ReadonlyArray<keyof CallState>;

// Compile-time checks that the row layouts name every field (a new field must be added to its list).
type Missing<T, F extends ReadonlyArray<keyof T>> = Exclude<keyof T, F[number]>;
const legFieldsComplete: Missing<Leg, typeof LEG_FIELDS> extends never ? true : never = true;
const callFieldsComplete: Missing<CallState, typeof CALL_FIELDS> extends never ? true : never = true;
void legFieldsComplete;
void callFieldsComplete;

export function isTrackerJson(data: unknown): data is TrackerJson {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (d['version'] === 1 || d['version'] === 2) && Array.isArray(d['legs']) && Array.isArray(d['calls'])
    && Array.isArray(d['bridges']) && Array.isArray(d['ended']);
}

export function loadTracker(core: TrackerCore, data: TrackerJson): void {
  const legs: Leg[] = data.version === 1 ? data.legs.map((leg) => ({ ...leg })) : data.legs.map((row) => fromRow<Leg>(row, LEG_FIELDS));
  const calls: CallState[] = data.version === 1 ? data.calls.slice() : data.calls.map((row) => fromRow<CallState>(row, CALL_FIELDS));
  core.nextOrder = data.nextOrder;
  core.pbx = readPbxLiveness(data.pbx);
  for (const leg of legs) core.legs.set(leg.uid, leg);
  for (const saved of calls) {
    const call = copyCall(saved);
    core.calls.set(call.id, call);
    for (const id of call.linkedIds) core.callOfLinked.set(id, call.id);
  }
  for (const [id, members] of data.bridges) core.bridges.set(id, new Set(members));
  for (const id of data.ended) core.ended.set(id, true);
}

export function copyCall(call: CallState): CallState {
  return {
    ...call,
    linkedIds: call.linkedIds.slice(),
    legs: call.legs.slice(),
    attempts: call.attempts.map((attempt) => ({ ...attempt })),
    transfers: call.transfers.map((transfer) => ({ ...transfer })),
    announced: call.announced.slice(),
    causes: { ...call.causes },
    recordings: asRecordings(call.recordings ?? (call as { recordingFile?: unknown }).recordingFile, call.lastEventMs),
  };
}

export function toRow<T extends object>(item: T, fields: ReadonlyArray<keyof T>): unknown[] {
  const row: unknown[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i += 1) row[i] = item[fields[i] as keyof T];
  return row;
}

/** Rebuilds an object from a row; the row's values are trusted as much as version 1's objects were (own snapshots). */
export function fromRow<T>(row: readonly unknown[], fields: ReadonlyArray<keyof T>): T {
  const item: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i += 1) item[fields[i] as string] = row[i] ?? null;
  return item as T;
}
