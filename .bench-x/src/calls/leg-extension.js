import { endpointNumber, localNumber, peerName } from './leg.js';
import { isInternalNumber } from './phone-number.js';
const MAX_HOPS = 8;
/** The other half of a Local pair, when known. */
export function localPair(core, leg) {
    if (leg.localBase === null)
        return undefined;
    const call = core.callOf(leg);
    if (!call)
        return undefined;
    for (const uid of call.legs) {
        const other = core.legs.get(uid);
        if (other && other !== leg && other.localBase === leg.localBase)
            return other;
    }
    return undefined;
}
/**
 * Extension of a phone leg. A phone named by an account code (`SIP/150010001-…`) whose extension is known (listed,
 * learned or by rule) is that extension. Otherwise a calling leg's own CallerIDNum is its extension when it is
 * internal-length (cacofonisk phones get 201/202/203 via NewCallerid), else the number in its channel name
 * (`PJSIP/201-…` → 201). A dialled leg's CallerIDNum is the number that was dialled (DID, ring group 401), and an
 * originated one's is the number the operator is about to call, so those trust an internal-length number in their
 * channel name first.
 */
export function endpointExtension(core, leg) {
    const max = core.options.internalMaxLength;
    const account = leg.localBase === null && !leg.trunk ? core.accounts.extensionOf(peerName(leg.name)) : null;
    if (account !== null)
        return account;
    const named = leg.localBase === null ? endpointNumber(leg.name) : localNumber(leg.name);
    if ((leg.dialled || leg.originated) && isInternalNumber(named, max))
        return named;
    if (isInternalNumber(leg.cidNum, max))
        return leg.cidNum;
    return named;
}
/** Who is behind a leg: its ring target, or through its Local pair the target that pair dialled, or its own extension. */
export function partyOf(core, leg, depth = 0) {
    const call = core.callOf(leg);
    if (!call)
        return endpointExtension(core, leg);
    const own = leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
    if (own)
        return own.target;
    const pair = localPair(core, leg);
    if (pair && depth < MAX_HOPS) {
        const viaPair = pair.attempt >= 0 ? call.attempts[pair.attempt] : undefined;
        if (viaPair)
            return viaPair.target;
        const dialled = dialledTargets(core, call, pair, depth + 1);
        if (dialled)
            return dialled;
    }
    return endpointExtension(core, leg);
}
/** The party a leg dialled (directly or through Local hops), preferring the one that answered. */
export function dialledParty(core, caller) {
    const call = core.callOf(caller);
    return call ? dialledTargets(core, call, caller, 0) : null;
}
/**
 * The one party a leg reached: the one that answered, else the only target it rang; null while several ring
 * (a ring group: then the number it dialled names the target better than whichever phone rang first).
 */
export function reachedParty(core, caller) {
    const call = core.callOf(caller);
    if (!call)
        return null;
    const found = new Set();
    const answered = collectTargets(core, call, caller, 0, found);
    if (answered !== null)
        return answered;
    return found.size === 1 ? found.values().next().value ?? null : null;
}
function dialledTargets(core, call, caller, depth) {
    const found = new Set();
    const answered = collectTargets(core, call, caller, depth, found);
    return answered ?? found.values().next().value ?? null;
}
/** Adds the targets `caller` rang (through Local hops) to `found`; returns the first that answered, if any. */
function collectTargets(core, call, caller, depth, found) {
    let answered = null;
    for (const uid of call.legs) {
        const leg = core.legs.get(uid);
        if (!leg || leg.dialledBy !== caller.uid)
            continue;
        const attempt = leg.attempt >= 0 ? call.attempts[leg.attempt] : undefined;
        if (attempt) {
            found.add(attempt.target);
            if (attempt.outcome === 'answered')
                answered ??= attempt.target;
        }
        else if (leg.localHalf === 1 && depth < MAX_HOPS) {
            const pair = localPair(core, leg);
            const viaPair = pair && pair.attempt >= 0 ? call.attempts[pair.attempt] : undefined;
            const before = found.size;
            if (viaPair)
                found.add(viaPair.target);
            else if (pair)
                answered ??= collectTargets(core, call, pair, depth + 1, found);
            if (found.size === before)
                found.add(endpointExtension(core, leg));
        }
    }
    return answered;
}
/**
 * A phone that places a call shows its own extension as CallerIDNum on its own channel: remember its account's
 * extension, so the same phone is named right when it is rung later (where its CallerIDNum is the dialled number).
 */
export function learnAccount(core, caller) {
    if (caller.localBase !== null || caller.trunk || caller.dialled || caller.originated || caller.operator)
        return;
    const account = peerName(caller.name);
    const max = core.options.internalMaxLength;
    if (isInternalNumber(caller.cidNum, max) && !isInternalNumber(account, max))
        core.accounts.learn(account, caller.cidNum);
}
