import type { AmiEvent } from '../pbx/ami-event.js';

/**
 * What the tracker knows of the PBX process itself; saved with its state, so a restarted daemon (or the instance that
 * takes the lease over) still tells a restarted PBX from the one it left.
 */
export interface PbxLiveness {
  /**
   * The PBX's start-up time from `CoreStatus` (`CoreStartupDate CoreStartupTime`) as the PBX wrote it, in its own local
   * time: compared as a string, never converted (the PBX's timezone is unknown here). A different value = a restart.
   */
  startup: string | null;
  /** Timestamp of the latest event seen from the PBX. */
  lastEventMs: number | null;
  /**
   * `lastEventMs` as it was when a `FullyBooted` (a new login) arrived that no resync has followed yet: the previous
   * connection's last sign of life, when events of the new one were applied before the resync (a daemon that starts
   * applies what AMI sent before it took the lease). Null once a resync ran: then `lastEventMs` is that sign of life,
   * since a reconnect's events are held until its resync is done.
   */
  lastEventBeforeLoginMs: number | null;
}

export function emptyPbxLiveness(): PbxLiveness {
  return { startup: null, lastEventMs: null, lastEventBeforeLoginMs: null };
}

/**
 * Takes one event's time; true when something worth saving on its own changed (a new login). FullyBooted marks the
 * login and is not a sign of life at a PBX time: Asterisk sends it without `Timestamp`, so its time is our clock's.
 */
export function notePbxEvent(pbx: PbxLiveness, ev: AmiEvent): boolean {
  if (ev.name === 'FullyBooted') {
    pbx.lastEventBeforeLoginMs ??= pbx.lastEventMs;
    return true;
  }
  if (pbx.lastEventMs === null || ev.timeMs > pbx.lastEventMs) pbx.lastEventMs = ev.timeMs;
  return false;
}

/**
 * Whether the PBX restarted since the state was saved: its start-up time changed. When either start-up time is unknown
 * (no CoreStatus answer, or a state saved before one was kept), `uptimeWentDown` (FullyBooted's Uptime, a hint) decides.
 */
export function isPbxRestart(pbx: PbxLiveness, startup: string | null, uptimeWentDown: boolean): boolean {
  if (startup !== null && pbx.startup !== null) return startup !== pbx.startup;
  return uptimeWentDown;
}

/**
 * When a call whose end nobody saw ended, at the latest we can vouch for: the last moment the PBX was known alive on the
 * connection before the gap (its last event then; a PBX restart, or channels that vanished while no instance read AMI),
 * never before the call's own last event nor after `nowMs`. Ending it at the resync instead would count the gap as talk.
 */
export function lastAliveMs(pbx: PbxLiveness, callLastEventMs: number, nowMs: number): number {
  const lastAlive = pbx.lastEventBeforeLoginMs ?? pbx.lastEventMs ?? callLastEventMs;
  return Math.min(nowMs, Math.max(callLastEventMs, lastAlive));
}

/** A resync ran: the login it followed is dealt with. */
export function noteResynced(pbx: PbxLiveness, startup: string | null): void {
  pbx.lastEventBeforeLoginMs = null;
  if (startup !== null) pbx.startup = startup;
}

/** Reads a saved PbxLiveness (anything else gives the empty one). */
export function readPbxLiveness(data: unknown): PbxLiveness {
  const pbx = emptyPbxLiveness();
  if (typeof data !== 'object' || data === null) return pbx;
  const d = data as Record<string, unknown>;
  if (typeof d['startup'] === 'string') pbx.startup = d['startup'];
  if (typeof d['lastEventMs'] === 'number') pbx.lastEventMs = d['lastEventMs'];
  if (typeof d['lastEventBeforeLoginMs'] === 'number') pbx.lastEventBeforeLoginMs = d['lastEventBeforeLoginMs'];
  return pbx;
}
