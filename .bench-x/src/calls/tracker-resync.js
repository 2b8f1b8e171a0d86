import { localNumber, readChannelFields, STATE_RINGING, STATE_UP } from './leg.js';
import { isInternalNumber, toExternalNumber } from './phone-number.js';
import { endpointExtension } from './leg-extension.js';
import { lastAliveMs, noteResynced } from './pbx-liveness.js';
import { endAttempt, startAttempt } from './ring-attempts.js';
import { isTalking, legStartMs, placeInBridge, refreshKnownLeg, takeUnseenAnswer } from './resync-refresh.js';
/**
 * Marks legs that are no longer live as gone; ends calls left with no live leg at the last moment they were known
 * alive (flagged unobserved by the reason): the hang-up fell somewhere in the gap, and the gap is not talk time.
 */
function endVanished(core, live, nowMs, reason, out) {
    for (const call of [...core.calls.values()]) {
        for (const uid of call.legs) {
            const leg = core.legs.get(uid);
            if (!leg || leg.hungUp || (reason === 'vanished' && live.has(uid)))
                continue;
            leg.hungUp = true;
            call.liveLegs -= 1;
            core.changes.markDirty(call.id);
            core.leaveBridge(leg);
        }
        if (call.liveLegs > 0)
            continue;
        core.endCall(call, lastAliveMs(core.pbx, call.lastEventMs, nowMs), reason, out);
    }
}
/** A live phone leg of an adopted call (a non-Local endpoint, or a Local half named after an extension), not yet a target. */
function adoptedTarget(core, call, leg) {
    if (leg.uid === call.firstLegUid || leg.trunk || leg.attempt >= 0 || leg.hungUp)
        return null;
    if (leg.state !== STATE_RINGING && leg.state !== STATE_UP)
        return null;
    const target = leg.localBase === null ? endpointExtension(core, leg) : localNumber(leg.name);
    if (leg.localBase !== null && (leg.localHalf !== 1 || !isInternalNumber(target, core.options.internalMaxLength)))
        return null;
    if (target === '' || call.attempts.some((a) => a.target === target))
        return null;
    return target;
}
/**
 * An adopted outbound call: the phone that placed it (the first leg's internal CallerIDNum or endpoint) and the number
 * dialled (the first leg's Exten, else the trunk leg's CallerIDNum, which Dial sets to the dialled number), with the
 * trunk leg as its one ring attempt.
 */
function adoptOutbound(core, call, trunk, nowMs, out) {
    call.outbound = true;
    const first = core.legs.get(call.firstLegUid);
    if (first && !first.trunk && call.callerExtension === null) {
        const own = isInternalNumber(first.cidNum, core.options.internalMaxLength) ? first.cidNum : '';
        const ext = own || (first.localBase === null ? endpointExtension(core, first) : localNumber(first.name));
        if (isInternalNumber(ext, core.options.internalMaxLength))
            call.callerExtension = ext;
    }
    const dialled = [first?.exten ?? '', trunk.cidNum, trunk.exten].find((n) => /^\+?\d{5,}$/.test(n));
    if (dialled !== undefined)
        call.externalNumber ??= toExternalNumber(dialled, core.options.defaultCountry);
    if (call.externalNumber === null)
        return;
    const state = trunk.state;
    trunk.state = STATE_RINGING; // announce it even if it is already talking
    startAttempt(core, call, trunk, call.externalNumber, true, nowMs, out);
    trunk.state = state;
}
/**
 * A call we did not know, or new legs of one we knew: figure out what it is doing from its live legs and say so
 * (ringing / answered). An answer is dated by the answering channel's creation (now − Duration, the earliest it can have
 * been) and, when it answers the call, flagged unobserved; a leg talking in a call answered before is a transfer target
 * that answered.
 */
function announceAdopted(core, call, nowMs, legStarts, out) {
    const legs = call.legs.map((uid) => core.legs.get(uid)).filter((l) => l !== undefined && !l.hungUp);
    const trunk = legs.find((l) => l.trunk && l.uid !== call.firstLegUid);
    if (trunk && !call.inbound && trunk.attempt < 0)
        adoptOutbound(core, call, trunk, nowMs, out);
    for (const leg of legs) {
        const target = adoptedTarget(core, call, leg);
        if (target === null)
            continue;
        const ringing = leg.state === STATE_RINGING;
        leg.state = STATE_RINGING; // announce it even if it is already talking
        startAttempt(core, call, leg, target, false, nowMs, out);
        leg.state = ringing ? STATE_RINGING : STATE_UP;
    }
    for (const leg of legs) {
        const attempt = leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
        if (!attempt || attempt.outcome !== 'ringing' || !isTalking(core, leg))
            continue;
        // a known call already answered: a transfer target that answered unseen (the call's own answer was seen)
        if (call.answeredAtMs === null)
            call.answerUnobserved = true;
        endAttempt(core, call, leg, 'answered', Math.min(nowMs, legStarts.get(leg.uid) ?? nowMs), out);
    }
}
/** The listing in the order the PBX created the channels of each call: a call's first channel (Uniqueid = Linkedid) first. */
function firstLegsFirst(list) {
    const first = (ev) => (ev.fields['uniqueid'] === ev.fields['linkedid'] ? 0 : 1);
    return [...list].sort((a, b) => first(a) - first(b));
}
/**
 * After an AMI reconnect (or periodically): reconciles tracked calls with the CoreShowChannel list. Legs gone are hung
 * up (calls left without one end at their last sign of life, flagged unobserved 'vanished'); after a PBX restart every
 * call ends so, as 'pbx-restart'. Known legs take their current state, bridge and connected party, so an answer that happened unseen is taken;
 * unknown live channels are adopted. `startup` (CoreStatus) is remembered for the next restart check.
 */
export function resyncTracker(core, liveChannels, nowMs, pbxRestarted, startup = null) {
    const out = [];
    const live = new Set();
    const legStarts = new Map();
    for (const ev of liveChannels) {
        const uid = ev.fields['uniqueid'];
        if (uid) {
            live.add(uid);
            legStarts.set(uid, legStartMs(ev, nowMs));
        }
    }
    endVanished(core, live, nowMs, pbxRestarted ? 'pbx-restart' : 'vanished', out);
    noteResynced(core.pbx, startup);
    const refreshed = new Map();
    const adopted = new Set();
    for (const ev of firstLegsFirst(liveChannels)) {
        const known = refreshKnownLeg(core, ev, nowMs, out);
        if (known) {
            refreshed.set(known.call, Math.min(known.seenMs, refreshed.get(known.call) ?? known.seenMs));
            continue;
        }
        const ch = readChannelFields(ev.fields, '');
        if (!ch || core.legs.has(ch.uid))
            continue;
        const startedAtMs = legStartMs(ev, nowMs);
        const leg = core.touch(ch, startedAtMs, out);
        const call = leg ? core.callOf(leg) : undefined;
        if (!leg || !call)
            continue;
        call.startedAtMs = Math.min(call.startedAtMs, startedAtMs);
        call.lastEventMs = nowMs;
        placeInBridge(core, leg, ev.fields['bridgeid'] ?? '');
        adopted.add(call);
    }
    for (const [call, seenMs] of refreshed)
        if (core.calls.has(call.id))
            takeUnseenAnswer(core, call, seenMs, legStarts, out);
    for (const call of adopted)
        if (core.calls.has(call.id))
            announceAdopted(core, call, nowMs, legStarts, out);
    return out;
}
/** Ends calls with no event for longer than maxAgeMs (lost Hangups). */
export function sweepTracker(core, nowMs, maxAgeMs) {
    const out = [];
    for (const call of [...core.calls.values()]) {
        if (nowMs - call.lastEventMs > maxAgeMs)
            core.endCall(call, nowMs, 'stale', out);
    }
    return out;
}
