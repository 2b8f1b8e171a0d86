import type { CallState } from './call-state.js';
import type { Leg } from './leg.js';
import type { TrackerCore } from './tracker-core.js';
import { readPbxLiveness, type PbxLiveness } from './pbx-liveness.js';
import { CALL_FIELDS, copyCall, ENDED_IN_SNAPSHOT, fromRow, LEG_FIELDS, toRow } from './tracker-persistence.js';

/** One call as saved on its own (a Redis hash field): its row, its legs' rows, and the bridges its legs are in. */
export interface CallPartJson {
  readonly c: readonly unknown[];
  readonly l: ReadonlyArray<readonly unknown[]>;
  readonly b: ReadonlyArray<readonly [string, readonly string[]]>;
}

/** The small part of the state that is not per call. */
export interface TrackerMetaJson {
  readonly version: 3;
  readonly nextOrder: number;
  /** Absent in states saved before it was kept. */
  readonly pbx?: Readonly<PbxLiveness>;
}

/** The whole state rebuilt from its parts (meta + every call part + the remembered ended ids). */
export interface TrackerPartsJson extends TrackerMetaJson {
  readonly parts: readonly CallPartJson[];
  readonly ended: readonly string[];
}

/** What to write since the last delta. `full`: `calls` holds every open call and the stored parts must be replaced. */
export interface TrackerDelta {
  readonly full: boolean;
  /** Call id → JSON text of its CallPartJson. */
  readonly calls: ReadonlyMap<string, string>;
  /** Calls gone since the last delta (ended or merged into another). */
  readonly removed: readonly string[];
  /** Ids newly remembered as ended (all remembered ones, up to the snapshot limit, when full). */
  readonly ended: readonly string[];
  readonly meta: TrackerMetaJson;
}

/**
 * Which changed calls a delta writes. Default: all of them. Removals and new ended ids are always written whole, each
 * merge removal with the call that absorbed it, so the stored calls never lose a leg; a call left out stays changed.
 * - `calls`: these calls (the ones whose CallEvents are about to be queued), whether marked changed or not;
 * - `maxCalls`: at most this many changed calls (a big save in slices).
 */
export interface DeltaScope {
  readonly calls?: Iterable<string>;
  readonly maxCalls?: number;
}

export function takeTrackerDelta(core: TrackerCore, wantFull: boolean, scope: DeltaScope = {}): TrackerDelta {
  const changes = core.changes;
  const full = wantFull || !changes.enabled || changes.overflow;
  changes.enabled = true;
  const ids = full ? core.calls.keys() : scopedIds(core, scope);
  const calls = new Map<string, string>();
  for (const id of ids) {
    const call = core.calls.get(id);
    if (call && !calls.has(id)) calls.set(id, JSON.stringify(callPart(core, call)));
  }
  const removed = full ? [] : [...changes.removed.keys()];
  const ended = full ? [...core.ended.keys()].slice(-ENDED_IN_SNAPSHOT) : changes.ended.slice(-ENDED_IN_SNAPSHOT);
  if (full || (scope.calls === undefined && scope.maxCalls === undefined)) changes.reset();
  else changes.taken(calls.keys());
  return { full, calls, removed, ended, meta: { version: 3, nextOrder: core.nextOrder, pbx: { ...core.pbx } } };
}

function scopedIds(core: TrackerCore, scope: DeltaScope): string[] {
  const { dirty, removed } = core.changes;
  const ids: string[] = [];
  if (scope.calls !== undefined) ids.push(...scope.calls);
  else if (scope.maxCalls === undefined) ids.push(...dirty);
  else for (const id of dirty) { if (ids.length >= scope.maxCalls) break; ids.push(id); }
  for (const survivor of removed.values()) {
    let id = survivor;
    for (let hops = 0; id !== null && !core.calls.has(id) && hops < removed.size; hops += 1) id = removed.get(id) ?? null;
    if (id !== null) ids.push(id);
  }
  return ids;
}

/** The whole state in the saved layout (what a full delta writes, parsed), leaving the change marks alone. */
export function trackerParts(core: TrackerCore): TrackerPartsJson {
  const parts: CallPartJson[] = [];
  for (const call of core.calls.values()) parts.push(callPart(core, call));
  return { version: 3, nextOrder: core.nextOrder, parts, ended: [...core.ended.keys()].slice(-ENDED_IN_SNAPSHOT), pbx: { ...core.pbx } };
}

function callPart(core: TrackerCore, call: CallState): CallPartJson {
  const legs: unknown[][] = [];
  const bridgeIds = new Set<string>();
  for (const uid of call.legs) {
    const leg = core.legs.get(uid);
    if (!leg) continue;
    legs.push(toRow(leg, LEG_FIELDS));
    if (leg.bridgeId !== null) bridgeIds.add(leg.bridgeId);
  }
  const bridges: Array<readonly [string, readonly string[]]> = [];
  for (const id of bridgeIds) bridges.push([id, [...(core.bridges.get(id) ?? [])]]);
  return { c: toRow(call, CALL_FIELDS), l: legs, b: bridges };
}

export function isTrackerPartsJson(data: unknown): data is TrackerPartsJson {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d['version'] === 3 && typeof d['nextOrder'] === 'number' && Array.isArray(d['parts']) && Array.isArray(d['ended']);
}

const ORDER_INDEX = CALL_FIELDS.indexOf('order');

/** Loads parts into an empty core; calls keep their creation order (the order sweeps and resyncs visit them in). */
export function loadTrackerParts(core: TrackerCore, data: TrackerPartsJson): void {
  core.nextOrder = data.nextOrder;
  core.pbx = readPbxLiveness(data.pbx);
  const parts = [...data.parts].sort((a, b) => Number(a.c[ORDER_INDEX]) - Number(b.c[ORDER_INDEX]));
  for (const part of parts) {
    const call = copyCall(fromRow<CallState>(part.c, CALL_FIELDS));
    core.calls.set(call.id, call);
    for (const id of call.linkedIds) core.callOfLinked.set(id, call.id);
    for (const row of part.l) {
      const leg = fromRow<Leg>(row, LEG_FIELDS);
      core.legs.set(leg.uid, leg);
    }
    for (const [id, members] of part.b) if (!core.bridges.has(id)) core.bridges.set(id, new Set(members));
  }
  for (const id of data.ended) core.ended.set(id, true);
}
