import { readPbxLiveness } from './pbx-liveness.js';
import { CALL_FIELDS, copyCall, ENDED_IN_SNAPSHOT, fromRow, LEG_FIELDS, toRow } from './tracker-persistence.js';
export function takeTrackerDelta(core, wantFull, scope = {}) {
    const changes = core.changes;
    const full = wantFull || !changes.enabled || changes.overflow;
    changes.enabled = true;
    const ids = full ? core.calls.keys() : scopedIds(core, scope);
    const calls = new Map();
    for (const id of ids) {
        const call = core.calls.get(id);
        if (call && !calls.has(id))
            calls.set(id, JSON.stringify(callPart(core, call)));
    }
    const removed = full ? [] : [...changes.removed.keys()];
    const ended = full ? [...core.ended.keys()].slice(-ENDED_IN_SNAPSHOT) : changes.ended.slice(-ENDED_IN_SNAPSHOT);
    if (full || (scope.calls === undefined && scope.maxCalls === undefined))
        changes.reset();
    else
        changes.taken(calls.keys());
    return { full, calls, removed, ended, meta: { version: 3, nextOrder: core.nextOrder, pbx: { ...core.pbx } } };
}
function scopedIds(core, scope) {
    const { dirty, removed } = core.changes;
    const ids = [];
    if (scope.calls !== undefined)
        ids.push(...scope.calls);
    else if (scope.maxCalls === undefined)
        ids.push(...dirty);
    else
        for (const id of dirty) {
            if (ids.length >= scope.maxCalls)
                break;
            ids.push(id);
        }
    for (const survivor of removed.values()) {
        let id = survivor;
        for (let hops = 0; id !== null && !core.calls.has(id) && hops < removed.size; hops += 1)
            id = removed.get(id) ?? null;
        if (id !== null)
            ids.push(id);
    }
    return ids;
}
/** The whole state in the saved layout (what a full delta writes, parsed), leaving the change marks alone. */
export function trackerParts(core) {
    const parts = [];
    for (const call of core.calls.values())
        parts.push(callPart(core, call));
    return { version: 3, nextOrder: core.nextOrder, parts, ended: [...core.ended.keys()].slice(-ENDED_IN_SNAPSHOT), pbx: { ...core.pbx } };
}
function callPart(core, call) {
    const legs = [];
    const bridgeIds = new Set();
    for (const uid of call.legs) {
        const leg = core.legs.get(uid);
        if (!leg)
            continue;
        legs.push(toRow(leg, LEG_FIELDS));
        if (leg.bridgeId !== null)
            bridgeIds.add(leg.bridgeId);
    }
    const bridges = [];
    for (const id of bridgeIds)
        bridges.push([id, [...(core.bridges.get(id) ?? [])]]);
    return { c: toRow(call, CALL_FIELDS), l: legs, b: bridges };
}
export function isTrackerPartsJson(data) {
    if (typeof data !== 'object' || data === null)
        return false;
    const d = data;
    return d['version'] === 3 && typeof d['nextOrder'] === 'number' && Array.isArray(d['parts']) && Array.isArray(d['ended']);
}
const ORDER_INDEX = CALL_FIELDS.indexOf('order');
/** Loads parts into an empty core; calls keep their creation order (the order sweeps and resyncs visit them in). */
export function loadTrackerParts(core, data) {
    core.nextOrder = data.nextOrder;
    core.pbx = readPbxLiveness(data.pbx);
    const parts = [...data.parts].sort((a, b) => Number(a.c[ORDER_INDEX]) - Number(b.c[ORDER_INDEX]));
    for (const part of parts) {
        const call = copyCall(fromRow(part.c, CALL_FIELDS));
        core.calls.set(call.id, call);
        for (const id of call.linkedIds)
            core.callOfLinked.set(id, call.id);
        for (const row of part.l) {
            const leg = fromRow(row, LEG_FIELDS);
            core.legs.set(leg.uid, leg);
        }
        for (const [id, members] of part.b)
            if (!core.bridges.has(id))
                core.bridges.set(id, new Set(members));
    }
    for (const id of data.ended)
        core.ended.set(id, true);
}
