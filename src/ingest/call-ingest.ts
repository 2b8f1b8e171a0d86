import type { CallEvent } from '../calls/call.js';
import type { CallTracker, DeltaScope } from '../calls/call-tracker.js';
import type { Logger } from '../log.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import type { AmiClient } from '../pbx/ami-client.js';
import { liveAfterWindow } from './live-channels.js';
import type { TrackerStore } from './tracker-store.js';

export interface IngestDeps {
  readonly ami: AmiClient;
  readonly tracker: CallTracker;
  readonly listChannels: (ami: AmiClient) => Promise<readonly AmiEvent[]>;
  /** The PBX's CoreStatus start-up time (as it wrote it), null when it cannot tell; absent: restarts are told by Uptime only. */
  readonly pbxStartup?: (ami: AmiClient) => Promise<string | null>;
  readonly enqueue: (ev: CallEvent) => void;
  readonly store: TrackerStore;
  readonly log: Logger;
  readonly onCallEvent?: (ev: CallEvent) => void;
  readonly now?: () => number;
}

/**
 * Periodic save of changed calls that queued no event (the calls of every queued event are saved before it, see
 * SnapshotFirstForwarder): after a crash these are at most this old, and the resync with the PBX corrects them.
 */
export const TRACKER_SAVE_EVERY_MS = 1000;
/** Changed calls per write of a periodic save: each slice is short, so AMI events and urgent saves go between them. */
const SAVE_SLICE_CALLS = 100;
/** How long stop() waits for the last save; not at all while Redis is away (the write stays queued for ever). */
const STOP_SAVE_WAIT_MS = 2000;

export interface IngestTimings {
  readonly saveEveryMs: number;       // tracker state snapshot to Redis (debounced)
  readonly resyncEveryMs: number;     // periodic CoreShowChannels check for missed hangups
  readonly staleAfterMs: number;      // calls silent this long are ended by the sweeper
}

/**
 * The ingest loop: AMI events → tracker → queue. Owns resync after (re)connect and periodically, the stale-call
 * sweeper, and snapshots of the tracker state in Redis. Events that arrive while a resync is in flight are held
 * and applied after it, so a channel born during the CoreShowChannels round trip is not taken for a vanished one.
 */
export class CallIngest {
  private held: AmiEvent[] | null = null;
  private dirty = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: Array<() => void> = [];
  private periodic: Promise<void> | null = null;
  private readonly now: () => number;
  /** PBX clock minus ours, from the latest event: sweeps and resyncs compare times on the PBX's clock. */
  private clockSkewMs = 0;

  constructor(private readonly deps: IngestDeps, private readonly timings: IngestTimings) {
    this.now = deps.now ?? Date.now;
  }

  /** `backlog`: events the AMI delivered before this ingest existed (oldest first); applied before any live one. */
  start(backlog: readonly AmiEvent[] = []): void {
    const { ami } = this.deps;
    for (const ev of backlog) this.onEvent(ev);
    this.unsubscribe.push(ami.onEvent((ev) => this.onEvent(ev)));
    this.unsubscribe.push(ami.onConnected((info) => { void this.resync(this.uptimeWentDown(info.uptimeSec)); }));
    this.every(this.timings.saveEveryMs, () => { void this.save(); });
    this.every(this.timings.resyncEveryMs, () => { if (ami.state === 'connected') void this.resync(false); });
    this.every(Math.min(60_000, this.timings.staleAfterMs), () => this.emit(this.deps.tracker.sweep(this.pbxNow(), this.timings.staleAfterMs)));
  }

  private lastUptimeSec: number | null = null;
  /** FullyBooted's Uptime went down since the last login: a hint that Asterisk restarted (CoreStatus decides when it answers). */
  private uptimeWentDown(uptimeSec: number | null): boolean {
    if (uptimeSec === null) return false;
    const restarted = this.lastUptimeSec !== null && uptimeSec < this.lastUptimeSec;
    this.lastUptimeSec = uptimeSec;
    return restarted;
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private pbxNow(): number {
    return this.now() + this.clockSkewMs;
  }

  private onEvent(ev: AmiEvent): void {
    this.clockSkewMs = ev.timeMs - this.now();
    if (this.held) { this.held.push(ev); return; }
    this.emit(this.deps.tracker.apply(ev));
  }

  private emit(out: readonly CallEvent[]): void {
    for (const ce of out) {
      this.deps.enqueue(ce);
      this.deps.onCallEvent?.(ce);
    }
    if (out.length > 0) this.dirty = true;
  }

  /**
   * Compares the PBX's live channels with the tracked ones; ends vanished calls, adopts unknown ones.
   * Events that arrive during the CoreShowChannels round trip are held. After a PBX restart they are applied after the
   * resync (every old call is over; they belong to new calls). Otherwise they are applied first, with their own
   * timestamps, and the list is corrected by them, so a call born in the window is neither adopted on our clock nor
   * taken for a vanished one.
   */
  async resync(uptimeWentDown: boolean): Promise<void> {
    if (this.held) return;
    this.held = [];
    let listed: readonly AmiEvent[] | null = null;
    const startupAsked = this.deps.pbxStartup?.(this.deps.ami) ?? Promise.resolve(null);
    try {
      listed = await this.deps.listChannels(this.deps.ami);
    } catch (err) {
      this.deps.log.warn({ err }, 'resync failed; will retry on the next connect or interval');
    }
    const startup = await startupAsked;
    if (startup === null && this.deps.pbxStartup) this.deps.log.debug('PBX start-up time unknown (CoreStatus); a restart is told by FullyBooted Uptime');
    const held = this.held;
    this.held = null;
    const { tracker } = this.deps;
    if (listed === null) {
      for (const ev of held) this.emit(tracker.apply(ev));
      return;
    }
    const pbxRestarted = tracker.isPbxRestart(startup, uptimeWentDown);
    if (pbxRestarted) this.emit(tracker.resync(listed, this.pbxNow(), true, startup));
    for (const ev of held) this.emit(tracker.apply(ev));
    if (!pbxRestarted) this.emit(tracker.resync(liveAfterWindow(listed, held), this.pbxNow(), false, startup));
    this.deps.log.info({ liveChannels: listed.length, heldEvents: held.length, openCalls: tracker.openCallCount, pbxRestarted }, 'resynced with the PBX');
  }

  /**
   * Writes what changed in the tracker state, one save at a time. An incremental store gets it in slices of changed
   * calls, so call events' saves (saveFor) and AMI events go between them.
   */
  save(): Promise<void> {
    if (this.periodic) return this.periodic;
    const run = this.saveInSlices().finally(() => { if (this.periodic === run) this.periodic = null; });
    this.periodic = run;
    return run;
  }

  private async saveInSlices(): Promise<void> {
    const { store, tracker } = this.deps;
    if (!store.savesDeltas) {
      if (!this.dirty) return;
      this.dirty = false;
      await this.write({}).catch(() => undefined);
      return;
    }
    this.dirty = false;
    // bounded: calls that change while the slices are written wait for the next save
    for (let slices = Math.ceil(tracker.openCallCount / SAVE_SLICE_CALLS) + 1; slices > 0 && store.wantsSave(); slices -= 1) {
      await this.write({ maxCalls: SAVE_SLICE_CALLS }).catch(() => undefined);
    }
  }

  /**
   * Sends the state of the calls of `events` (and every removal) before they are queued: SnapshotFirstForwarder's
   * step. Other changed calls wait for the periodic save. Rejects when the write failed (the next save is full).
   */
  saveFor(events: readonly CallEvent[]): Promise<void> {
    return this.write({ calls: new Set(events.map((ev) => ev.call.id)) });
  }

  /** Sends the write now (saves are applied in the order they are sent); the promise reports the outcome. */
  private write(scope: DeltaScope): Promise<void> {
    return this.deps.store.save(() => this.deps.tracker.toJSON(), scope).catch((err: unknown) => {
      this.dirty = true;
      this.deps.log.warn({ err }, 'tracker state not saved; will retry');
      throw err;
    });
  }

  /** Stops taking events. `save: false` when the lease went to another instance: its state must not be overwritten. */
  async stop(options: { save: boolean } = { save: true }): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const u of this.unsubscribe) u();
    this.timers = [];
    this.unsubscribe = [];
    if (!options.save) return;
    const saved = this.save().then(async () => {
      if (this.deps.store.wantsSave()) await this.write({}).catch(() => undefined); // what changed meanwhile
      return true;
    });
    let timer: NodeJS.Timeout | undefined;
    const waitMs = this.deps.store.connected ? STOP_SAVE_WAIT_MS : 0;
    const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), waitMs); });
    const done = await Promise.race([saved, late]);
    clearTimeout(timer);
    if (!done) this.deps.log.warn({ waitedMs: waitMs }, 'tracker state not confirmed saved at stop (Redis away?); the next reader resyncs with the PBX');
  }
}
