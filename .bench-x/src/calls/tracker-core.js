import { AccountExtensions, NO_ACCOUNT_RULES } from './account-extensions.js';
import { absorbCall, createCallState } from './call-state.js';
import { buildSnapshot } from './call-snapshot.js';
import { TrunkRules } from './direction.js';
import { createLeg, refreshLeg } from './leg.js';
import { emptyPbxLiveness } from './pbx-liveness.js';
import { toExternalNumber } from './phone-number.js';
import { TrackerChanges } from './tracker-changes.js';
/** How many ended ids are remembered so late events of a finished call do not open a new one. */
const ENDED_MEMORY = 20_000;
/**
 * BullMQ job ids must not contain ':'. The mapping is one to one, so two Linkedids never share a call id: `~` becomes
 * `~~` and `:` becomes `~c` (a Linkedid with neither, as Asterisk writes them, stays as it is).
 */
export function safeCallId(linkedId) {
    return /[:~]/.test(linkedId) ? linkedId.replace(/[:~]/g, (c) => (c === ':' ? '~c' : '~~')) : linkedId;
}
/** The tracker's mutable state (legs, calls, Linkedid groups, bridges) and the operations every handler needs. */
export class TrackerCore {
    options;
    legs = new Map();
    calls = new Map();
    /** Flattened union-find: every Linkedid → the id of the call (group) it belongs to. */
    callOfLinked = new Map();
    bridges = new Map();
    ended = new Map();
    rules;
    /** Account code → extension (listed, learned, by rule). */
    accounts;
    /** Calls changed / gone since the last delta (incremental snapshots). */
    changes = new TrackerChanges();
    /** The PBX's start-up time and last signs of life (saved with the state). */
    pbx = emptyPbxLiveness();
    nextOrder = 0;
    /** Set when one tenant reads several PBXs (`office1~`): their Linkedids may be equal, their call ids are not. */
    callIdPrefix;
    constructor(options) {
        this.options = options;
        this.callIdPrefix = options.callIdPrefix ?? '';
        this.rules = new TrunkRules(options);
        this.accounts = new AccountExtensions(options.accountExtensions ?? NO_ACCOUNT_RULES);
    }
    /** The call of a leg; marks it changed (every handler reaches the call it changes through here, touch or join). */
    callOf(leg) {
        const call = this.calls.get(leg.callId);
        if (call)
            this.changes.markDirty(call.id);
        return call;
    }
    /** Chatter (Newexten, VarSet, ...) of a known call still shows it is alive, for sweep(). */
    noteActivity(linkedId, atMs) {
        if (!linkedId)
            return;
        const call = this.calls.get(this.callOfLinked.get(linkedId) ?? '');
        if (call && atMs > call.lastEventMs)
            call.lastEventMs = atMs;
    }
    /**
     * The leg of a channel the tracker already follows (refreshed like touch), or null: for events that cannot start a
     * channel (Hangup, Newstate, caller-ID updates...), so a stray event about an unseen channel opens no phantom call.
     * Channels that were live before the daemon joined are adopted by resync(), not by their tail events.
     */
    find(ch, atMs, out) {
        if (!ch || !this.legs.has(ch.uid))
            return null;
        return this.touch(ch, atMs, out);
    }
    /** Finds or creates the leg of a channel snapshot, following Linkedid changes (merging calls). */
    touch(ch, atMs, out) {
        if (!ch)
            return null;
        let leg = this.legs.get(ch.uid);
        if (!leg) {
            if (this.ended.has(ch.uid) || this.ended.has(ch.linkedId))
                return null;
            leg = this.addLeg(ch, atMs);
        }
        else {
            refreshLeg(leg, ch);
            if (ch.linkedId !== leg.linkedId && !this.ended.has(ch.linkedId))
                this.relink(leg, ch.linkedId, atMs, out);
        }
        const call = this.callOf(leg); // marks the call changed
        if (call) {
            if (atMs > call.lastEventMs)
                call.lastEventMs = atMs;
            this.noteInboundCaller(call, leg);
        }
        return leg;
    }
    addLeg(ch, atMs) {
        let call = this.calls.get(this.callOfLinked.get(ch.linkedId) ?? '');
        if (!call) {
            call = createCallState(this.callIdPrefix + safeCallId(ch.linkedId), this.nextOrder++, atMs, ch.uid);
            call.linkedIds[0] = ch.linkedId;
            this.calls.set(call.id, call);
            this.callOfLinked.set(ch.linkedId, call.id);
        }
        const leg = createLeg(ch, call.id, this.rules.isTrunkLeg(ch.name, ch.context));
        this.legs.set(leg.uid, leg);
        call.legs.push(leg.uid);
        call.liveLegs += 1;
        if (ch.uid === ch.linkedId)
            call.firstLegUid = ch.uid;
        if (leg.uid === call.firstLegUid && leg.trunk && !call.outbound) {
            call.inbound = true;
            call.line = leg.firstExten || null;
        }
        return leg;
    }
    /** Inbound: the outside number is the first trunk leg's CallerIDNum (set once it is known). */
    noteInboundCaller(call, leg) {
        if (call.externalNumber !== null || leg.uid !== call.firstLegUid || leg.cidNum === '')
            return;
        if (!call.inbound && this.rules.usesLengthFallback && this.rules.isExternalNumber(leg.cidNum)) {
            call.inbound = true;
            call.line = leg.firstExten || null;
        }
        if (call.inbound)
            call.externalNumber = toExternalNumber(leg.cidNum, this.options.defaultCountry);
    }
    relink(leg, linkedId, atMs, out) {
        const current = this.callOf(leg);
        leg.linkedId = linkedId;
        if (!current)
            return;
        const otherId = this.callOfLinked.get(linkedId);
        if (otherId === undefined) {
            current.linkedIds.push(linkedId);
            this.callOfLinked.set(linkedId, current.id);
            return;
        }
        const other = this.calls.get(otherId);
        if (other && other !== current)
            this.merge(current, other, atMs, out);
    }
    /** Merges two calls; the older (first seen) keeps its id. Returns the surviving call. */
    merge(a, b, atMs, out) {
        if (a === b)
            return a;
        const [older, newer] = a.order <= b.order ? [a, b] : [b, a];
        if (newer.seq > 0) {
            out.push({ stage: 'ended', seq: newer.seq++, atMs, call: buildSnapshot(newer, atMs), endReason: 'merged', mergedInto: older.id });
        }
        const offset = absorbCall(older, newer);
        for (const uid of newer.legs) {
            const leg = this.legs.get(uid);
            if (!leg)
                continue;
            leg.callId = older.id;
            if (leg.attempt >= 0)
                leg.attempt += offset;
        }
        for (const id of newer.linkedIds)
            this.callOfLinked.set(id, older.id);
        this.calls.delete(newer.id);
        this.changes.markRemoved(newer.id, older.id);
        this.changes.markDirty(older.id);
        const fresh = newer.announced.filter((t) => !older.announced.includes(t));
        older.announced.push(...fresh);
        if (older.seq === 0 && fresh.length > 0)
            this.emit(older, 'ringing', atMs, out, fresh);
        if (older.answeredAtMs !== null && !older.answerEmitted && older.answeredBy !== null) {
            older.answerEmitted = true;
            this.emit(older, 'answered', older.answeredAtMs, out);
        }
        return older;
    }
    /** Merges the calls of two legs (they were dialled together, bridged, or joined by a transfer). */
    join(x, y, atMs, out) {
        const cx = this.callOf(x);
        const cy = this.callOf(y);
        if (!cx || !cy)
            return cx ?? cy;
        return this.merge(cx, cy, atMs, out);
    }
    emit(call, stage, atMs, out, ringingTargets) {
        const event = { stage, seq: call.seq++, atMs, call: buildSnapshot(call, null) };
        out.push(ringingTargets ? { ...event, ringingTargets } : event);
    }
    /** Ends the call: closes open ring attempts, emits `ended`, and forgets it (remembering its ids). */
    endCall(call, atMs, reason, out) {
        for (const a of call.attempts)
            closeAttempt(a, atMs);
        out.push({ stage: 'ended', seq: call.seq++, atMs, call: buildSnapshot(call, atMs, reason), endReason: reason });
        for (const uid of call.legs) {
            const leg = this.legs.get(uid);
            if (leg?.bridgeId)
                this.leaveBridge(leg);
            this.legs.delete(uid);
            this.remember(uid);
        }
        for (const id of call.linkedIds) {
            this.callOfLinked.delete(id);
            this.remember(id);
        }
        this.calls.delete(call.id);
        this.changes.markRemoved(call.id);
    }
    leaveBridge(leg) {
        if (!leg.bridgeId)
            return;
        this.changes.markDirty(leg.callId);
        const members = this.bridges.get(leg.bridgeId);
        members?.delete(leg.uid);
        if (members && members.size === 0)
            this.bridges.delete(leg.bridgeId);
        leg.bridgeId = null;
    }
    remember(id) {
        this.ended.set(id, true);
        this.changes.noteEnded(id);
        if (this.ended.size > ENDED_MEMORY) {
            const oldest = this.ended.keys().next();
            if (!oldest.done)
                this.ended.delete(oldest.value);
        }
    }
}
function closeAttempt(a, atMs) {
    if (a.outcome !== 'ringing')
        return;
    a.outcome = 'cancelled';
    a.endedAtMs = atMs;
}
