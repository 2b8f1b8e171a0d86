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

export function dumpTracker(core: TrackerCore): TrackerJson {
  return structuredClone({
    version: 1 as const,
    nextOrder: core.nextOrder,
    legs: [...core.legs.values()],
    calls: [...core.calls.values()],
    bridges: [...core.bridges].map(([id, members]) => [id, [...members]] as const),
    ended: [...core.ended.keys()].slice(-ENDED_IN_SNAPSHOT),
  });
}

export function isTrackerJson(data: unknown): data is TrackerJson {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d['version'] === 1 && Array.isArray(d['legs']) && Array.isArray(d['calls']) && Array.isArray(d['bridges']) && Array.isArray(d['ended']);
}

export function loadTracker(core: TrackerCore, data: TrackerJson): void {
  const copy = structuredClone(data);
  core.nextOrder = copy.nextOrder;
  for (const leg of copy.legs) core.legs.set(leg.uid, leg);
  for (const call of copy.calls) {
    core.calls.set(call.id, call);
    for (const id of call.linkedIds) core.callOfLinked.set(id, call.id);
  }
  for (const [id, members] of copy.bridges) core.bridges.set(id, new Set(members));
  for (const id of copy.ended) core.ended.set(id, true);
}
