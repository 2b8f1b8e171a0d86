/** Above this many removed or ended ids between two deltas, the next delta is a full one (nobody is taking deltas). */
const CHANGES_MAX = 50_000;
/**
 * What changed in the tracker since the last delta (see takeTrackerDelta): calls to rewrite, calls gone (ended or
 * merged), ids remembered as ended. Off until the first delta is taken, so a tracker nobody saves (tests, tools) pays nothing.
 * Marking is deliberately generous: every call a handler reaches through the core (touch, find, callOf, join...) is
 * marked, whether or not it changed; chatter (noteActivity) marks nothing, so lastEventMs may be saved a bit old.
 */
export class TrackerChanges {
    enabled = false;
    overflow = false;
    dirty = new Set();
    /** Calls gone → the call that absorbed them (merge), or null (ended). */
    removed = new Map();
    ended = [];
    /** The meta (PBX start-up time, a new login) changed: worth a save even when no call did. Every delta writes the meta. */
    metaChanged = false;
    markDirty(callId) {
        if (this.enabled)
            this.dirty.add(callId);
    }
    /** `survivor`: the call that absorbed this one; a delta that writes the removal writes the survivor too. */
    markRemoved(callId, survivor = null) {
        if (!this.enabled)
            return;
        this.dirty.delete(callId);
        this.removed.set(callId, survivor);
        if (this.removed.size > CHANGES_MAX)
            this.overflow = true;
    }
    noteEnded(id) {
        if (!this.enabled)
            return;
        this.ended.push(id);
        if (this.ended.length > CHANGES_MAX)
            this.overflow = true;
    }
    /** Forgets what a partial delta wrote; the calls it left out stay dirty. */
    taken(calls) {
        for (const id of calls)
            this.dirty.delete(id);
        this.removed.clear();
        this.ended = [];
        this.metaChanged = false;
    }
    reset() {
        this.dirty.clear();
        this.removed.clear();
        this.ended = [];
        this.overflow = false;
        this.metaChanged = false;
    }
}
