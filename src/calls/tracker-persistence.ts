import type { CallState } from './call-state.js';
import type { Leg } from './leg.js';
import type { TrackerCore } from './tracker-core.js';

/** The tracker's whole state as plain JSON (for Redis). */
export interface TrackerJson {
  readonly version: 1;
  readonly nextOrder: number;
  readonly legs: readonly Leg[];
  readonly calls: readonly CallState[];
  readonly bridges: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly ended: readonly string[];
}

/** Ended ids kept in a snapshot: enough to drop late events of calls that ended just before a restart. */
const ENDED_IN_SNAPSHOT = 2_000;

/**
 * A copy of the state that shares nothing mutable with the tracker. Built field by field (legs hold only primitives,
 * calls a few arrays of primitives or flat objects): with 1,000 calls open this takes about a millisecond, where
 * structuredClone took 15 ms and doubled the snapshot's garbage.
 */
export function dumpTracker(core: TrackerCore): TrackerJson {
  const legs: Leg[] = [];
  for (const leg of core.legs.values()) legs.push({ ...leg });
  const calls: CallState[] = [];
  for (const call of core.calls.values()) calls.push(copyCall(call));
  const bridges: Array<readonly [string, readonly string[]]> = [];
  for (const [id, members] of core.bridges) bridges.push([id, [...members]]);
  const ended = [...core.ended.keys()];
  return { version: 1, nextOrder: core.nextOrder, legs, calls, bridges, ended: ended.slice(-ENDED_IN_SNAPSHOT) };
}

function copyCall(call: CallState): CallState {
  return {
    ...call,
    linkedIds: call.linkedIds.slice(),
    legs: call.legs.slice(),
    attempts: call.attempts.map((attempt) => ({ ...attempt })),
    transfers: call.transfers.map((transfer) => ({ ...transfer })),
    announced: call.announced.slice(),
    causes: { ...call.causes },
  };
}

export function isTrackerJson(data: unknown): data is TrackerJson {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d['version'] === 1 && Array.isArray(d['legs']) && Array.isArray(d['calls']) && Array.isArray(d['bridges']) && Array.isArray(d['ended']);
}

export function loadTracker(core: TrackerCore, data: TrackerJson): void {
  core.nextOrder = data.nextOrder;
  for (const leg of data.legs) core.legs.set(leg.uid, { ...leg });
  for (const saved of data.calls) {
    const call = copyCall(saved);
    core.calls.set(call.id, call);
    for (const id of call.linkedIds) core.callOfLinked.set(id, call.id);
  }
  for (const [id, members] of data.bridges) core.bridges.set(id, new Set(members));
  for (const id of data.ended) core.ended.set(id, true);
}
