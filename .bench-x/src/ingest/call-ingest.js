import { keptEvent } from '../pbx/ami-normalize.js';
import { isTraced } from '../trace/trace-buffer.js';
import { liveAfterWindow } from './live-channels.js';
/** The Linkedid an event is about: its own, or a prefixed one (BlindTransfer's TransfererLinkedid, …). */
function linkedIdOf(ev) {
    const own = ev.fields['linkedid'];
    if (own)
        return own;
    for (const key in ev.fields) { // for…in: no array of pairs per event
        const value = ev.fields[key];
        if (value && key.endsWith('linkedid'))
            return value;
    }
    return undefined;
}
/**
 * The ingest loop: AMI events → tracker → call events (to CrashSafeWriter, which saves the state). Owns resync after
 * (re)connect and periodically, and the stale-call sweeper. Events that arrive while a resync is in flight are held
 * and applied after it, so a channel born during the CoreShowChannels round trip is not taken for a vanished one.
 */
export class CallIngest {
    deps;
    timings;
    held = null;
    timers = [];
    unsubscribe = [];
    now;
    /** PBX clock minus ours, from the latest event: sweeps and resyncs compare times on the PBX's clock. */
    clockSkewMs = 0;
    constructor(deps, timings) {
        this.deps = deps;
        this.timings = timings;
        this.now = deps.now ?? Date.now;
    }
    /** Subscribes to the AMI; connect it after this, so the resync on login sees every event. */
    start() {
        const { ami } = this.deps;
        this.unsubscribe.push(ami.onEvent((ev, frameText) => this.onEvent(ev, frameText)));
        this.unsubscribe.push(ami.onConnected((info) => { void this.resync(this.uptimeWentDown(info.uptimeSec)); }));
        this.every(this.timings.resyncEveryMs, () => { if (ami.state === 'connected')
            void this.resync(false); });
        this.every(Math.min(60_000, this.timings.staleAfterMs), () => this.emit(this.deps.tracker.sweep(this.pbxNow(), this.timings.staleAfterMs)));
    }
    lastUptimeSec = null;
    /** FullyBooted's Uptime went down since the last login: a hint that Asterisk restarted (CoreStatus decides when it answers). */
    uptimeWentDown(uptimeSec) {
        if (uptimeSec === null)
            return false;
        const restarted = this.lastUptimeSec !== null && uptimeSec < this.lastUptimeSec;
        this.lastUptimeSec = uptimeSec;
        return restarted;
    }
    every(ms, fn) {
        const t = setInterval(fn, ms);
        t.unref();
        this.timers.push(t);
    }
    pbxNow() {
        return this.now() + this.clockSkewMs;
    }
    onEvent(ev, frameText) {
        this.clockSkewMs = ev.timeMs - this.now();
        if (this.held) {
            this.held.push(keptEvent(ev));
            return;
        } // a copy: see keptEvent (the frame's text is not kept)
        this.apply(ev, frameText);
    }
    /** `frameText`: the event's frame as received, when it is applied as it arrives (the trace then stores that text). */
    apply(ev, frameText) {
        const { tracker, trace } = this.deps;
        const out = tracker.apply(ev);
        if (trace?.recordsAmi && isTraced(ev))
            trace.amiEvent(tracker.callIdOf(linkedIdOf(ev)), ev, frameText); // chatter is not looked up
        this.emit(out);
    }
    emit(out) {
        for (const ce of out) {
            this.deps.trace?.callEvent(ce);
            this.deps.push(ce);
        }
    }
    /**
     * Compares the PBX's live channels with the tracked ones; ends vanished calls, adopts unknown ones.
     * Events that arrive during the CoreShowChannels round trip are held. After a PBX restart they are applied after the
     * resync (every old call is over; they belong to new calls). Otherwise they are applied first, with their own
     * timestamps, and the list is corrected by them, so a call born in the window is neither adopted on our clock nor
     * taken for a vanished one.
     */
    async resync(uptimeWentDown) {
        if (this.held)
            return;
        this.held = [];
        let listed = null;
        const startupAsked = this.deps.pbxStartup?.(this.deps.ami) ?? Promise.resolve(null);
        try {
            listed = await this.deps.listChannels(this.deps.ami);
        }
        catch (err) {
            this.deps.log.warn({ err }, 'resync failed; will retry on the next connect or interval');
        }
        const startup = await startupAsked;
        if (startup === null && this.deps.pbxStartup)
            this.deps.log.debug('PBX start-up time unknown (CoreStatus); a restart is told by FullyBooted Uptime');
        const held = this.held;
        this.held = null;
        const { tracker } = this.deps;
        if (listed === null) {
            for (const ev of held)
                this.apply(ev);
            return;
        }
        const pbxRestarted = tracker.isPbxRestart(startup, uptimeWentDown);
        if (pbxRestarted)
            this.emit(tracker.resync(listed, this.pbxNow(), true, startup));
        for (const ev of held)
            this.apply(ev);
        if (!pbxRestarted)
            this.emit(tracker.resync(liveAfterWindow(listed, held), this.pbxNow(), false, startup));
        this.deps.log.info({ liveChannels: listed.length, heldEvents: held.length, openCalls: tracker.openCallCount, pbxRestarted }, 'resynced with the PBX');
    }
    /** Stops taking events and timers. */
    stop() {
        for (const t of this.timers)
            clearInterval(t);
        for (const u of this.unsubscribe)
            u();
        this.timers = [];
        this.unsubscribe = [];
    }
}
