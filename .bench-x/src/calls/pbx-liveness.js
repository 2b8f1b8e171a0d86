export function emptyPbxLiveness() {
    return { startup: null, lastEventMs: null, lastEventBeforeLoginMs: null };
}
/**
 * Takes one event's time; true when something worth saving on its own changed (a new login). FullyBooted marks the
 * login and is not a sign of life at a PBX time: Asterisk sends it without `Timestamp`, so its time is our clock's.
 */
export function notePbxEvent(pbx, ev) {
    if (ev.name === 'FullyBooted') {
        pbx.lastEventBeforeLoginMs ??= pbx.lastEventMs;
        return true;
    }
    if (pbx.lastEventMs === null || ev.timeMs > pbx.lastEventMs)
        pbx.lastEventMs = ev.timeMs;
    return false;
}
/**
 * Whether the PBX restarted since the state was saved: its start-up time changed. When either start-up time is unknown
 * (no CoreStatus answer, or a state saved before one was kept), `uptimeWentDown` (FullyBooted's Uptime, a hint) decides.
 */
export function isPbxRestart(pbx, startup, uptimeWentDown) {
    if (startup !== null && pbx.startup !== null)
        return startup !== pbx.startup;
    return uptimeWentDown;
}
/**
 * When a call whose end nobody saw ended, at the latest we can vouch for: the last moment the PBX was known alive on the
 * connection before the gap (its last event then; a PBX restart, or channels that vanished while no instance read AMI),
 * never before the call's own last event nor after `nowMs`. Ending it at the resync instead would count the gap as talk.
 */
export function lastAliveMs(pbx, callLastEventMs, nowMs) {
    const lastAlive = pbx.lastEventBeforeLoginMs ?? pbx.lastEventMs ?? callLastEventMs;
    return Math.min(nowMs, Math.max(callLastEventMs, lastAlive));
}
/** A resync ran: the login it followed is dealt with. */
export function noteResynced(pbx, startup) {
    pbx.lastEventBeforeLoginMs = null;
    if (startup !== null)
        pbx.startup = startup;
}
/** Reads a saved PbxLiveness (anything else gives the empty one). */
export function readPbxLiveness(data) {
    const pbx = emptyPbxLiveness();
    if (typeof data !== 'object' || data === null)
        return pbx;
    const d = data;
    if (typeof d['startup'] === 'string')
        pbx.startup = d['startup'];
    if (typeof d['lastEventMs'] === 'number')
        pbx.lastEventMs = d['lastEventMs'];
    if (typeof d['lastEventBeforeLoginMs'] === 'number')
        pbx.lastEventBeforeLoginMs = d['lastEventBeforeLoginMs'];
    return pbx;
}
