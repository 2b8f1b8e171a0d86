import { isWantedVariable } from './call-variables.js';
import { readChannelFields } from './leg.js';
import { addRecording } from './recording-files.js';
import { localPair } from './leg-extension.js';
import { endAttempt, outcomeOfCause } from './ring-attempts.js';
const CAUSE_ANSWERED_ELSEWHERE = 26;
/** Newchannel: a leg is born. */
export function onNewchannel(core, ev, out) {
    core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
}
/** Events that only carry a channel snapshot: follow a known channel (CallerIDNum, Linkedid changes). */
export function onChannelSnapshot(core, ev, out) {
    core.find(readChannelFields(ev.fields, ''), ev.timeMs, out);
}
/** VarSet is chatter except for the few variables the tracker reads. */
export function onVarSet(core, ev, out) {
    if (isWantedVariable(ev.fields['variable'] ?? ''))
        onChannelSnapshot(core, ev, out);
}
/** MikoPBX `UserEvent: StartRecording` carries `recordingfile`. */
export function onUserEvent(core, ev, out) {
    const file = ev.fields['recordingfile'];
    if (!file)
        return;
    const leg = core.find(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const call = leg ? core.callOf(leg) : undefined;
    if (call)
        addRecording(call.recordings, file, ev.timeMs, false);
}
/** Remembers the first meaningful cause (not 0, not 26 answered-elsewhere) per kind of leg. */
function noteCause(core, call, leg, cause) {
    if (!(cause > 0) || cause === CAUSE_ANSWERED_ELSEWHERE)
        return;
    const attempt = call.attempts[leg.attempt] ?? call.attempts[localPair(core, leg)?.attempt ?? -1];
    if (leg.uid === call.firstLegUid)
        call.causes.first ??= cause;
    else if (attempt?.outcome === 'answered')
        call.causes.answer ??= cause;
    else if (attempt)
        call.causes.target ??= cause;
    else
        call.causes.other ??= cause;
}
/** Answered: the caller leg's cause, else the answerer's. Unanswered: the rung phones' (busy 17, no answer 19), else others'. */
function finalCause(call, lastCause) {
    const { first, answer, target, other } = call.causes;
    const best = call.answeredAtMs !== null ? first ?? answer ?? other : target ?? other ?? first;
    return best ?? lastCause;
}
export function onHangup(core, ev, out) {
    const leg = core.find(readChannelFields(ev.fields, ''), ev.timeMs, out);
    if (!leg || leg.hungUp)
        return;
    const call = core.callOf(leg);
    if (!call)
        return;
    leg.hungUp = true;
    call.liveLegs -= 1;
    core.leaveBridge(leg);
    const cause = Number(ev.fields['cause'] ?? '0');
    endAttempt(core, call, leg, outcomeOfCause(cause), ev.timeMs, out);
    noteCause(core, call, leg, cause);
    if (call.liveLegs <= 0) {
        call.hangupCause = finalCause(call, cause);
        core.endCall(call, ev.timeMs, 'hangup', out);
    }
}
/** Channels in one bridge talk to each other: their calls are one call. */
export function onBridgeEnter(core, ev, out) {
    const leg = core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const bridgeId = ev.fields['bridgeuniqueid'];
    if (!leg || !bridgeId)
        return;
    core.leaveBridge(leg);
    let members = core.bridges.get(bridgeId);
    if (!members) {
        members = new Set();
        core.bridges.set(bridgeId, members);
    }
    for (const uid of members) {
        const other = core.legs.get(uid);
        if (other && other.callId !== leg.callId)
            core.join(leg, other, ev.timeMs, out);
    }
    members.add(leg.uid);
    leg.bridgeId = bridgeId;
}
export function onBridgeLeave(core, ev, out) {
    const leg = core.find(readChannelFields(ev.fields, ''), ev.timeMs, out);
    if (leg && leg.bridgeId === ev.fields['bridgeuniqueid'])
        core.leaveBridge(leg);
}
