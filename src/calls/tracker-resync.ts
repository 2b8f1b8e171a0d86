import type { CallEvent } from './call.js';
import type { CallState } from './call-state.js';
import type { AmiEvent } from '../pbx/ami-event.js';
import { localNumber, readChannelFields, STATE_RINGING, STATE_UP, type Leg } from './leg.js';
import { isInternalNumber } from './phone-number.js';
import { endpointExtension } from './leg-extension.js';
import { endAttempt, startAttempt } from './ring-attempts.js';
import type { TrackerCore } from './tracker-core.js';

/** CoreShowChannel `Duration` is `HH:MM:SS` (or plain seconds on some versions). */
function durationMs(value: string | undefined): number {
  if (!value) return 0;
  const parts = value.split(':').map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return 0;
  return parts.reduce((acc, n) => acc * 60 + n, 0) * 1000;
}

/** Marks legs that are no longer live as gone; ends calls left with no live leg. */
function endVanished(core: TrackerCore, live: ReadonlySet<string>, nowMs: number, reason: 'vanished' | 'pbx-restart', out: CallEvent[]): void {
  for (const call of [...core.calls.values()]) {
    for (const uid of call.legs) {
      const leg = core.legs.get(uid);
      if (!leg || leg.hungUp || (reason === 'vanished' && live.has(uid))) continue;
      leg.hungUp = true;
      call.liveLegs -= 1;
      core.changes.markDirty(call.id);
      core.leaveBridge(leg);
    }
    if (call.liveLegs <= 0) core.endCall(call, nowMs, reason, out);
  }
}

/** A live phone leg of an adopted call (a non-Local endpoint, or a Local half named after an extension), not yet a target. */
function adoptedTarget(core: TrackerCore, call: CallState, leg: Leg): string | null {
  if (leg.uid === call.firstLegUid || leg.trunk || leg.attempt >= 0 || leg.hungUp) return null;
  if (leg.state !== STATE_RINGING && leg.state !== STATE_UP) return null;
  const target = leg.localBase === null ? endpointExtension(core, leg) : localNumber(leg.name);
  if (leg.localBase !== null && (leg.localHalf !== 1 || !isInternalNumber(target, core.options.internalMaxLength))) return null;
  if (target === '' || call.attempts.some((a) => a.target === target)) return null;
  return target;
}

/** A call we did not know: figure out what it is doing from its live legs and say so (ringing / answered). */
function announceAdopted(core: TrackerCore, call: CallState, nowMs: number, out: CallEvent[]): void {
  const legs = call.legs.map((uid) => core.legs.get(uid)).filter((l): l is Leg => l !== undefined);
  const trunk = legs.find((l) => l.trunk);
  if (trunk && !call.inbound) {
    call.outbound = true;
    call.externalNumber ??= trunk.connNum || trunk.exten || null;
  }
  const bridged = legs.filter((l) => l.bridgeId !== null);
  for (const leg of legs) {
    const target = adoptedTarget(core, call, leg);
    if (target === null) continue;
    const ringing = leg.state === STATE_RINGING;
    leg.state = STATE_RINGING;                      // announce it even if it is already talking
    startAttempt(core, call, leg, target, false, nowMs, out);
    leg.state = ringing ? STATE_RINGING : STATE_UP;
    if (!ringing && bridged.length >= 2) endAttempt(core, call, leg, 'answered', nowMs, out);
  }
}

/** After an AMI reconnect: reconcile tracked calls with the CoreShowChannel list. */
export function resyncTracker(core: TrackerCore, liveChannels: readonly AmiEvent[], nowMs: number, pbxRestarted: boolean): CallEvent[] {
  const out: CallEvent[] = [];
  const live = new Set<string>();
  for (const ev of liveChannels) {
    const uid = ev.fields['uniqueid'];
    if (uid) live.add(uid);
  }
  endVanished(core, live, nowMs, pbxRestarted ? 'pbx-restart' : 'vanished', out);
  const adopted = new Set<CallState>();
  for (const ev of liveChannels) {
    const ch = readChannelFields(ev.fields, '');
    if (!ch || core.legs.has(ch.uid)) continue;
    const startedAtMs = nowMs - durationMs(ev.fields['duration']);
    const leg = core.touch(ch, startedAtMs, out);
    const call = leg ? core.callOf(leg) : undefined;
    if (!leg || !call) continue;
    call.startedAtMs = Math.min(call.startedAtMs, startedAtMs);
    call.lastEventMs = nowMs;
    const bridgeId = ev.fields['bridgeid'];
    if (bridgeId) {
      leg.bridgeId = bridgeId;
      const members = core.bridges.get(bridgeId) ?? new Set<string>();
      members.add(leg.uid);
      core.bridges.set(bridgeId, members);
    }
    adopted.add(call);
  }
  for (const call of adopted) if (core.calls.has(call.id)) announceAdopted(core, call, nowMs, out);
  return out;
}

/** Ends calls with no event for longer than maxAgeMs (lost Hangups). */
export function sweepTracker(core: TrackerCore, nowMs: number, maxAgeMs: number): CallEvent[] {
  const out: CallEvent[] = [];
  for (const call of [...core.calls.values()]) {
    if (nowMs - call.lastEventMs > maxAgeMs) core.endCall(call, nowMs, 'stale', out);
  }
  return out;
}
