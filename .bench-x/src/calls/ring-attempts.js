import { localNumber, STATE_UP } from './leg.js';
import { localPair } from './leg-extension.js';
import { isInternalNumber } from './phone-number.js';
/** DialEnd DialStatus → how that ring attempt ended. */
export function outcomeOfDialStatus(status) {
    switch (status.toUpperCase()) {
        case 'ANSWER': return 'answered';
        case 'BUSY': return 'busy';
        case 'NOANSWER': return 'noanswer';
        case 'CONGESTION':
        case 'CHANUNAVAIL': return 'failed';
        default: return 'cancelled';
    }
}
/** Hangup Cause of a leg that was still ringing (no DialEnd seen) → outcome. */
export function outcomeOfCause(cause) {
    if (cause === 17 || cause === 21)
        return 'busy';
    if (cause === 18 || cause === 19)
        return 'noanswer';
    if (cause === 34 || cause === 38 || cause === 27 || cause === 1 || cause === 3)
        return 'failed';
    return 'cancelled';
}
/** Registers `leg` as ringing `target`; emits `ringing` when the target is new to the call. */
export function startAttempt(core, call, leg, target, external, atMs, out, announce = true) {
    if (leg.attempt >= 0 || leg.operator || target === '')
        return;
    if (call.originate && call.callerExtension === null && !external && isInternalNumber(target, core.options.internalMaxLength)) {
        call.callerExtension = target; // click-to-dial: the first phone rung is the operator placing the call
        leg.operator = true;
        return;
    }
    // an outbound chain (Local hop → trunk endpoint) reaches one outside number: one attempt, owned by the first leg
    const open = external ? call.attempts.findIndex((a) => a.target === target && a.outcome === 'ringing') : -1;
    if (open >= 0) {
        leg.attempt = open;
        return;
    }
    leg.attempt = call.attempts.length;
    call.attempts.push({ target, startedAtMs: atMs, endedAtMs: null, outcome: 'ringing', external, ownerUid: leg.uid, inferred: false });
    if (!announce || call.announced.includes(target) || leg.state === STATE_UP)
        return;
    call.announced.push(target);
    core.emit(call, 'ringing', atMs, out, [target]);
}
/** Ends the leg's ring attempt (idempotent: duplicate DialEnd does nothing); an answer answers the call once. */
export function endAttempt(core, call, leg, outcome, atMs, out) {
    const attempt = leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
    if (!attempt || attempt.ownerUid !== leg.uid)
        return;
    const open = attempt.outcome === 'ringing' || (attempt.inferred && outcome === 'answered');
    if (!open)
        return;
    attempt.inferred = false;
    attempt.outcome = outcome;
    attempt.endedAtMs = atMs;
    if (outcome !== 'answered')
        return;
    if (call.answeredAtMs === null)
        markAnswered(core, call, attempt.target, atMs, out);
    // a later answer on an answered call: a transfer's target (blind, blonde, group) picked up. The first answer
    // (answeredBy, answeredAtMs) stays; the event tells who talks now (the answered attempt in `rang`).
    else if (call.answerEmitted)
        core.emit(call, 'answered', atMs, out);
}
export function markAnswered(core, call, target, atMs, out) {
    if (call.answeredAtMs !== null)
        return;
    call.answeredAtMs = atMs;
    call.answeredBy = target;
    call.answerEmitted = true;
    core.emit(call, 'answered', atMs, out);
}
/**
 * A Local `;1` that was dialled, whose `;2` half never dialled anything and whose name carries an extension,
 * plays a phone (Asterisk-22 fixtures: `Local/201@operators`). Registers it as a ring target when it rings or ends.
 */
export function claimLocalPhone(core, leg, atMs, out, announce = true) {
    if (leg.localHalf !== 1 || !leg.dialled || leg.originated || leg.trunk || leg.attempt >= 0)
        return;
    if (localPair(core, leg)?.dialledOut)
        return;
    const number = localNumber(leg.name);
    const call = core.callOf(leg);
    if (!call || !isInternalNumber(number, core.options.internalMaxLength))
        return;
    startAttempt(core, call, leg, number, false, atMs, out, announce);
}
/**
 * An outer Dial towards a Local hop ended without answer (ring timeout, caller gave up): the attempts reached
 * through that hop that are still ringing end the same way. Marked `inferred`: the attempt's own ANSWER still wins,
 * and a new Dial to the same hop revives it (blonde transfer: the transferer's Dial ends NOANSWER, the target answers later).
 */
export function endAttemptsBehind(core, call, hop, outcome, atMs) {
    forAttemptsBehind(core, call, hop, 0, (attempt) => {
        if (attempt.outcome !== 'ringing')
            return;
        attempt.outcome = outcome;
        attempt.endedAtMs = atMs;
        attempt.inferred = true;
    });
}
/** A Local hop is dialled again (blonde transfer: the transferee now dials the ringing target): its inferred ends are undone. */
export function reviveAttemptsBehind(core, call, hop) {
    forAttemptsBehind(core, call, hop, 0, (attempt) => {
        if (!attempt.inferred)
            return;
        attempt.outcome = 'ringing';
        attempt.endedAtMs = null;
        attempt.inferred = false;
    });
}
function forAttemptsBehind(core, call, hop, depth, visit) {
    const pair = localPair(core, hop);
    if (!pair || depth > 8)
        return;
    for (const uid of call.legs) {
        const leg = core.legs.get(uid);
        if (!leg || leg.dialledBy !== pair.uid)
            continue;
        const attempt = leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
        if (attempt && attempt.ownerUid === leg.uid)
            visit(attempt);
        else if (!attempt && leg.localHalf === 1)
            forAttemptsBehind(core, call, leg, depth + 1, visit);
    }
}
