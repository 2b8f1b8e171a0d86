import { readChannelFields, STATE_UP } from './leg.js';
import { endAttempt } from './ring-attempts.js';
/** CoreShowChannel `Duration` is `HH:MM:SS` (or plain seconds on some versions). */
export function durationMs(value) {
    if (!value)
        return 0;
    const parts = value.split(':').map(Number);
    if (parts.some((n) => !Number.isFinite(n)))
        return 0;
    return parts.reduce((acc, n) => acc * 60 + n, 0) * 1000;
}
/** Puts a leg in the bridge CoreShowChannel names (`BridgeId`), or takes it out of any when there is none. */
export function placeInBridge(core, leg, bridgeId) {
    if (leg.bridgeId === bridgeId || (bridgeId === '' && leg.bridgeId === null))
        return;
    core.leaveBridge(leg);
    if (bridgeId === '')
        return;
    leg.bridgeId = bridgeId;
    const members = core.bridges.get(bridgeId) ?? new Set();
    members.add(leg.uid);
    core.bridges.set(bridgeId, members);
}
/** A leg that is up and shares its bridge with another leg: its party is talking. */
export function isTalking(core, leg) {
    if (leg.state !== STATE_UP || leg.bridgeId === null)
        return false;
    return (core.bridges.get(leg.bridgeId)?.size ?? 0) >= 2;
}
/** When the leg's channel was created, by the PBX's account (now − its Duration). */
export function legStartMs(ev, nowMs) {
    return nowMs - durationMs(ev.fields['duration']);
}
/**
 * A known leg as CoreShowChannel shows it now: its state, caller/connected numbers, context/exten and Linkedid
 * (through touch, which may merge calls) and its bridge. Returns its call and the call's last event before this look,
 * or null when the leg is not one the tracker follows.
 */
export function refreshKnownLeg(core, ev, nowMs, out) {
    const ch = readChannelFields(ev.fields, '');
    const known = ch ? core.legs.get(ch.uid) : undefined;
    if (!ch || !known || known.hungUp)
        return null;
    const seenMs = core.calls.get(known.callId)?.lastEventMs ?? nowMs;
    const leg = core.touch(ch, nowMs, out);
    if (!leg)
        return null;
    placeInBridge(core, leg, ev.fields['bridgeid'] ?? '');
    const call = core.callOf(leg);
    return call ? { call, seenMs: Math.min(seenMs, call.lastEventMs) } : null;
}
/**
 * A call that was ringing when last seen and is now talking: it was answered while no instance read AMI. The ring
 * attempt whose leg is up in a bridge with another leg is the one answered. The answer time is not given by the PBX;
 * it is bounded below by the call's last observed event (`seenMs`, it was still ringing then) and by the answering
 * channel's creation (now − Duration): the later of the two is taken, and the call is flagged `answerUnobserved`. In a
 * call answered before, such a leg is a transfer target that answered unseen: its attempt is answered, the call's
 * answer stays the one seen.
 */
export function takeUnseenAnswer(core, call, seenMs, legStarts, out) {
    for (const uid of call.legs) {
        const leg = core.legs.get(uid);
        const attempt = leg && leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
        if (!leg || !attempt || attempt.ownerUid !== uid || attempt.outcome !== 'ringing' || !isTalking(core, leg))
            continue;
        const atMs = Math.max(seenMs, legStarts.get(uid) ?? seenMs);
        if (call.answeredAtMs === null)
            call.answerUnobserved = true; // else a transfer target answered: the call's answer was seen
        endAttempt(core, call, leg, 'answered', atMs, out);
    }
}
