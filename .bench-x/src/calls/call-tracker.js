import { noteVariables } from './call-variables.js';
import { onBridgeEnter, onBridgeLeave, onChannelSnapshot, onHangup, onNewchannel, onUserEvent, onVarSet } from './channel-handlers.js';
import { onAgentCalled, onAgentConnect, onDialBegin, onDialEnd, onDialState, onNewstate, onQueueCallerJoin } from './dial-handlers.js';
import { TrackerCore } from './tracker-core.js';
import { isTrackerPartsJson, loadTrackerParts, takeTrackerDelta, trackerParts } from './tracker-delta.js';
import { isTrackerJson, loadTracker } from './tracker-persistence.js';
import { isPbxRestart, notePbxEvent } from './pbx-liveness.js';
import { resyncTracker, sweepTracker } from './tracker-resync.js';
import { onAttendedTransfer, onBlindTransfer } from './transfer-handlers.js';
function hasAny(vars) {
    for (const _ in vars)
        return true;
    return false;
}
/** Events that matter; everything else (Newexten, DeviceStateChange, Cdr, QueueMemberStatus, ...) changes nothing. */
const HANDLERS = new Map([
    ['Newchannel', onNewchannel],
    ['NewCallerid', onChannelSnapshot],
    ['NewConnectedLine', onChannelSnapshot],
    ['Newstate', onNewstate],
    ['DialBegin', onDialBegin],
    ['DialState', onDialState],
    ['DialEnd', onDialEnd],
    ['BridgeEnter', onBridgeEnter],
    ['BridgeLeave', onBridgeLeave],
    ['Hangup', onHangup],
    ['VarSet', onVarSet],
    ['UserEvent', onUserEvent],
    ['QueueCallerJoin', onQueueCallerJoin],
    ['QueueCallerLeave', onQueueCallerJoin],
    ['QueueCallerAbandon', onQueueCallerJoin],
    ['AgentCalled', onAgentCalled],
    ['AgentConnect', onAgentConnect],
    ['BlindTransfer', onBlindTransfer],
    ['AttendedTransfer', onAttendedTransfer],
]);
/**
 * The pure call tracker: AMI events in, CallEvents out. No I/O, no timers, no clock (time comes from the events
 * or from the `nowMs` arguments). Follows legs by Uniqueid, merges calls whose Linkedids meet, keeps the oldest id.
 */
export class CallTracker {
    core;
    constructor(options) {
        this.core = new TrackerCore(options);
    }
    /** Feeds one event; returns the CallEvents it causes (often none). */
    apply(ev) {
        const handler = HANDLERS.get(ev.name);
        const out = [];
        if (notePbxEvent(this.core.pbx, ev))
            this.core.changes.metaChanged = true;
        if (handler)
            handler(this.core, ev, out);
        else
            this.core.noteActivity(ev.fields['linkedid'], ev.timeMs);
        if (hasAny(ev.vars))
            noteVariables(this.core, ev);
        return out;
    }
    /**
     * After an AMI reconnect: end calls whose channels all vanished (or all calls, when the PBX restarted) at their last
     * sign of life, refresh the known legs, adopt unknown live channels. `startup`: CoreStatus's start-up time, when known.
     */
    resync(liveChannels, nowMs, pbxRestarted, startup = null) {
        if (startup !== null && startup !== this.core.pbx.startup)
            this.core.changes.metaChanged = true;
        return resyncTracker(this.core, liveChannels, nowMs, pbxRestarted, startup);
    }
    /**
     * Whether the PBX restarted since this state was last resynced: its CoreStatus start-up time (`startup`, as the PBX
     * wrote it) differs from the one remembered; `uptimeWentDown` (FullyBooted) decides only when one of them is unknown.
     */
    isPbxRestart(startup, uptimeWentDown) {
        return isPbxRestart(this.core.pbx, startup, uptimeWentDown);
    }
    /** Ends calls that have had no event for longer than maxAgeMs (endReason 'stale'). */
    sweep(nowMs, maxAgeMs) {
        return sweepTracker(this.core, nowMs, maxAgeMs);
    }
    /** The id of the open call a Linkedid belongs to now (after merges), or null (the per-call trace files AMI events by it). */
    callIdOf(linkedId) {
        return linkedId === undefined ? null : this.core.callOfLinked.get(linkedId) ?? null;
    }
    get openCallCount() {
        return this.core.calls.size;
    }
    /** Whether a delta would write anything: calls changed or gone, or no delta taken yet. */
    get hasUnsavedChanges() {
        const c = this.core.changes;
        return !c.enabled || c.overflow || c.metaChanged || c.dirty.size > 0 || c.removed.size > 0 || c.ended.length > 0;
    }
    /** The whole state as fromParts reads it (tests, tools); saving goes through takeDelta. */
    parts() {
        return trackerParts(this.core);
    }
    /**
     * What changed since the last delta, ready to write: the JSON of every changed call, the ids of calls gone, new ended
     * ids, and the meta. `full` (and always the first time) gives every open call, to replace what is stored; `scope`
     * limits which changed calls are written (the rest stay marked for a later delta).
     */
    takeDelta(full = false, scope = {}) {
        return takeTrackerDelta(this.core, full, scope);
    }
    /**
     * Rebuilds a tracker from saved deltas put together (`fromParts`' shape, version 3), or from a whole value an older
     * version saved (versions 1 and 2, read only). Throws on data of another shape.
     */
    static fromJSON(data, options) {
        if (isTrackerPartsJson(data))
            return CallTracker.fromParts(data, options);
        if (!isTrackerJson(data))
            throw new TypeError('call tracker state has an unknown shape');
        const tracker = new CallTracker(options);
        loadTracker(tracker.core, data);
        return tracker;
    }
    /** Rebuilds a tracker from the meta, the parsed call parts (any order) and the ended ids of saved deltas. */
    static fromParts(data, options) {
        const tracker = new CallTracker(options);
        loadTrackerParts(tracker.core, data);
        return tracker;
    }
}
