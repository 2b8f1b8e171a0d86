import { localNumber, peerName, readChannelFields, STATE_RINGING } from './leg.js';
import { isInternalNumber, toExternalNumber } from './phone-number.js';
import { endpointExtension, learnAccount, localPair, partyOf } from './leg-extension.js';
import { claimLocalPhone, endAttempt, endAttemptsBehind, markAnswered, outcomeOfDialStatus, reviveAttemptsBehind, startAttempt } from './ring-attempts.js';
/** The outside number an outbound leg dials: the Local trunk hop's number, the caller's Exten, or the DialString tail. */
function dialledNumber(caller, dest, dialString) {
    const local = dest.localBase === null ? '' : localNumber(dest.name);
    if (/^\+?\d+$/.test(local))
        return local;
    if (/^\+?\d{5,}$/.test(caller.exten))
        return caller.exten;
    const tail = /(\+?\d{5,})[^/]*$/.exec(dialString.slice(dialString.lastIndexOf('/') + 1));
    return tail?.[1] ?? dest.connNum;
}
/**
 * The extension that places an outbound/internal call: its account's extension, an internal-length CallerIDNum, or
 * an internal-length number in a phone's channel name. A phone with none of these (another tenant's `SIP/260010001`
 * showing +31260010001) has no extension here: null, not its account number.
 */
function callerExtensionOf(core, caller) {
    const account = caller.localBase === null && !caller.trunk ? core.accounts.extensionOf(peerName(caller.name)) : null;
    if (account !== null)
        return account;
    if (isInternalNumber(caller.cidNum, core.options.internalMaxLength))
        return caller.cidNum;
    if (caller.localBase !== null || caller.trunk)
        return null;
    const ext = endpointExtension(core, caller);
    return isInternalNumber(ext, core.options.internalMaxLength) ? ext : null;
}
/** A trunk by the configured patterns, or (no patterns configured) a dial towards a number longer than an extension. */
function isTrunkDest(core, caller, dest) {
    if (dest.trunk)
        return true;
    if (!core.rules.usesLengthFallback)
        return false;
    return core.rules.isExternalNumber(dest.localBase === null ? caller.exten : localNumber(dest.name));
}
/** Originate / call file: DialBegin with Dest fields only. A non-trunk Dest is the operator who places the call. */
function onOriginate(core, dest) {
    dest.originated = true;
    const call = core.callOf(dest);
    if (!call || dest.trunk || call.inbound)
        return;
    call.originate = true;
    dest.operator = true;
    const ext = endpointExtension(core, dest);
    if (isInternalNumber(ext, core.options.internalMaxLength))
        call.callerExtension ??= ext;
}
/**
 * Click-to-call through a Local channel (`Local/201@internal-originate`): the Originate's half dials the outside,
 * the other half of that pair dials the operator's own phone (`PJSIP/201`). That phone is the operator, not a target.
 */
function reachesOperator(core, caller, dest) {
    if (caller.localHalf !== 2 || isTrunkDest(core, caller, dest))
        return false;
    return localPair(core, caller)?.operator === true;
}
function onCallerDial(core, call, caller, dest, ev, out) {
    if (call.originate && reachesOperator(core, caller, dest)) {
        dest.operator = true;
        const ext = endpointExtension(core, dest);
        if (isInternalNumber(ext, core.options.internalMaxLength))
            call.callerExtension ??= ext;
        return;
    }
    if (!call.inbound && !call.originate && call.callerExtension === null) {
        const ext = callerExtensionOf(core, caller);
        if (ext !== null)
            call.callerExtension = ext;
    }
    if (isTrunkDest(core, caller, dest)) {
        dest.trunk = true;
        const number = toExternalNumber(dialledNumber(caller, dest, ev.fields['dialstring'] ?? ''), core.options.defaultCountry);
        if (!call.inbound) {
            call.outbound = true;
            call.externalNumber ??= number;
        }
        startAttempt(core, call, dest, number ?? '', true, ev.timeMs, out);
    }
    else if (dest.localBase === null) {
        startAttempt(core, call, dest, endpointExtension(core, dest), false, ev.timeMs, out);
    }
}
export function onDialBegin(core, ev, out) {
    const dest = core.touch(readChannelFields(ev.fields, 'dest'), ev.timeMs, out);
    if (!dest)
        return;
    const caller = core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    if (!caller) {
        onOriginate(core, dest);
        return;
    }
    caller.dialledOut = true;
    learnAccount(core, caller);
    const redial = dest.dialled;
    dest.dialled = true;
    dest.dialledBy = caller.uid;
    const call = core.join(caller, dest, ev.timeMs, out);
    if (!call)
        return;
    if (redial && dest.localHalf === 1)
        reviveAttemptsBehind(core, call, dest);
    onCallerDial(core, call, caller, dest, ev, out);
}
export function onDialState(core, ev, out) {
    core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const dest = core.touch(readChannelFields(ev.fields, 'dest'), ev.timeMs, out);
    if (dest && (ev.fields['dialstatus'] ?? '').toUpperCase() === 'RINGING')
        claimLocalPhone(core, dest, ev.timeMs, out);
}
export function onDialEnd(core, ev, out) {
    core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const dest = core.touch(readChannelFields(ev.fields, 'dest'), ev.timeMs, out);
    if (!dest)
        return;
    const status = ev.fields['dialstatus'] ?? '';
    claimLocalPhone(core, dest, ev.timeMs, out, status.toUpperCase() === 'ANSWER');
    const call = core.callOf(dest);
    if (!call)
        return;
    const outcome = outcomeOfDialStatus(status);
    if (dest.operator)
        call.operatorOutcome ??= outcome;
    endAttempt(core, call, dest, outcome, ev.timeMs, out);
    if (dest.attempt < 0 && dest.localHalf === 1 && outcome !== 'answered')
        endAttemptsBehind(core, call, dest, outcome, ev.timeMs);
}
export function onNewstate(core, ev, out) {
    const leg = core.find(readChannelFields(ev.fields, ''), ev.timeMs, out);
    if (leg && leg.state === STATE_RINGING)
        claimLocalPhone(core, leg, ev.timeMs, out);
}
export function onQueueCallerJoin(core, ev, out) {
    const leg = core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const call = leg ? core.callOf(leg) : undefined;
    if (call && ev.fields['queue'])
        call.queue ??= ev.fields['queue'];
}
/** AgentCalled: a queue member is rung (a DialBegin towards the same Dest normally accompanies it). */
export function onAgentCalled(core, ev, out) {
    onQueueCallerJoin(core, ev, out);
    const caller = core.touch(readChannelFields(ev.fields, ''), ev.timeMs, out);
    const dest = core.touch(readChannelFields(ev.fields, 'dest'), ev.timeMs, out);
    if (!caller || !dest)
        return;
    dest.dialled = true;
    dest.dialledBy ??= caller.uid;
    const call = core.join(caller, dest, ev.timeMs, out);
    if (call && dest.localBase === null)
        startAttempt(core, call, dest, endpointExtension(core, dest), false, ev.timeMs, out);
}
/** AgentConnect: the member answered and is bridged with the caller. */
export function onAgentConnect(core, ev, out) {
    onQueueCallerJoin(core, ev, out);
    const dest = core.touch(readChannelFields(ev.fields, 'dest'), ev.timeMs, out);
    const call = dest ? core.callOf(dest) : undefined;
    if (!dest || !call)
        return;
    claimLocalPhone(core, dest, ev.timeMs, out);
    endAttempt(core, call, dest, 'answered', ev.timeMs, out);
    if (call.answeredAtMs === null)
        markAnswered(core, call, partyOf(core, dest), ev.timeMs, out);
}
