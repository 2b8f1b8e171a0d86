import { currentAgent } from './responsible-policy.js';
import { isExtension } from './sync-rules.js';
/** Extensions that should see the call card after this event: inbound → everyone ringing; outbound → the caller. */
export function cardTargets(ev) {
    const call = ev.call;
    if (call.direction === 'outbound')
        return isExtension(call.callerExtension) ? [call.callerExtension] : [];
    const ringing = ev.ringingTargets ?? call.rang.filter((r) => r.outcome === 'ringing').map((r) => r.target);
    const agent = ev.stage === 'ringing' ? null : currentAgent(call);
    const targets = agent === null ? ringing : [...ringing, agent];
    return [...new Set(targets.filter(isExtension))];
}
/** Extensions that see the card as the call is registered: this event's card targets; none when the first stage we see is the end. */
export function cardsOnRegister(ev) {
    return ev.stage === 'ended' ? [] : cardTargets(ev);
}
/** On answer (or a completed transfer), every card shown except the current agent's is hidden. */
export function cardsToHideOnAnswer(shown, call) {
    const agent = currentAgent(call);
    return agent === null ? [] : shown.filter((ext) => ext !== agent);
}
/**
 * Operators who handed the call on: the transferer of a transfer (blind, attended or blonde: the transferer leaves the
 * call as it completes) who has not rung for the call again since. Their card closes as the target's card pops.
 */
export function cardsLeftByTransfer(shown, call) {
    const left = (ext) => call.transfers.some((t) => t.fromExtension === ext
        && !call.rang.some((r) => r.target === ext && r.startedAtMs > t.atMs));
    return shown.filter(left);
}
/**
 * A ring of a consult call: the call's agent dialled a colleague (an attended or blonde transfer in the making) while
 * still holding the caller. Not the ring of a blind transfer's target: the agent (for the tracker, the transferer
 * until the target answers) let the call go.
 */
export function isConsultRing(ev) {
    const call = ev.call;
    const agent = call.direction === 'inbound' ? currentAgent(call) : null;
    if (ev.stage !== 'ringing' || agent === null)
        return false;
    const last = call.transfers.at(-1);
    return !(last?.kind === 'blind' && (last.fromExtension === null || last.fromExtension === agent));
}
/** At the end, every card still shown except the final user's (finishing the call closes that one) is hidden. */
export function cardsToHideOnEnd(shown, finalUser) {
    return shown.filter((ext) => ext !== finalUser);
}
/**
 * The cards still worth showing once the call has moved on to `newest` (a later stage already queued): to those still
 * ringing there and to its current agent; none once it ended. Without a later stage, `targets` as they are.
 */
export function cardsStillWanted(targets, newest) {
    if (!newest)
        return [...targets];
    if (newest.stage === 'ended')
        return [];
    if (newest.call.direction === 'outbound')
        return targets.filter((ext) => ext === newest.call.callerExtension);
    const ringing = new Set(newest.call.rang.filter((r) => r.outcome === 'ringing').map((r) => r.target));
    const agent = newest.stage === 'ringing' ? null : currentAgent(newest.call);
    return targets.filter((ext) => ringing.has(ext) || ext === agent);
}
/** The cards to show with the registration: this stage's, and those of later ringing stages already queued, still wanted. */
export function cardsOnRegisterWith(ev, later) {
    const own = cardsOnRegister(ev);
    if (own.length === 0 && ev.stage === 'ended')
        return [];
    const more = later.filter((e) => e.stage === 'ringing').flatMap((e) => cardTargets(e));
    return cardsStillWanted([...new Set([...own, ...more])], later.at(-1));
}
