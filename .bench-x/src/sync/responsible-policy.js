import { sameLine } from '../calls/same-line.js';
import { isExtension } from './sync-rules.js';
/** The first extension that rang (inbound), or null. */
export function firstRang(call) {
    if (call.direction !== 'inbound')
        return null;
    const first = [...call.rang].sort((a, b) => a.startedAtMs - b.startedAtMs).find((r) => isExtension(r.target));
    return first?.target ?? null;
}
/** The last extension that rang (inbound), or null. */
export function lastRang(call) {
    if (call.direction !== 'inbound')
        return null;
    const last = [...call.rang].sort((a, b) => a.startedAtMs - b.startedAtMs).filter((r) => isExtension(r.target)).at(-1);
    return last?.target ?? null;
}
/** The rules file's `notify.lines.<line>.owner` for the call's line, or null. */
export function lineOwner(line, rules) {
    if (line === null)
        return null;
    const hit = Object.entries(rules.lineOwners ?? {}).find(([did]) => sameLine(did, line));
    return hit?.[1] ?? null;
}
/** The operator who rang a missed call, first or last as MISSED_OWNER says. */
function rangOwner(call, rules) {
    return rules.missedOwner === 'last' ? lastRang(call) : firstRang(call);
}
/** The extension a call is registered to at first: the caller (outbound), else the first one rung, else the missed-call owner. */
export function registerExtension(call, rules) {
    if (call.direction === 'outbound')
        return call.callerExtension;
    return firstRang(call) ?? rules.missedResponsible;
}
/** Nobody answered an inbound call (the caller was not served). */
export function isMissedInbound(call) {
    if (call.direction !== 'inbound' || call.answeredBy !== null)
        return false;
    return call.disposition === null || ['missed', 'noanswer', 'busy'].includes(call.disposition);
}
/**
 * Who has the caller now (inbound): the extension that answered last, so after a transfer the transfer target
 * (the tracker keeps `answeredBy` = the first answerer); null while nobody answered.
 */
export function currentAgent(call) {
    const answered = call.rang.filter((r) => r.outcome === 'answered' && isExtension(r.target));
    const last = [...answered].sort((a, b) => a.startedAtMs - b.startedAtMs).at(-1);
    return last?.target ?? (isExtension(call.answeredBy) ? call.answeredBy : null);
}
/**
 * The final user of a call. Outbound: the caller. Answered inbound: the last answerer (the target after transfers).
 * Missed inbound (its owner, docs/notifications.md): the client's responsible in the CRM (`crmResponsible`), else the
 * line's owner (rules file), else MISSED_CALLS_RESPONSIBLE, else the extension that rang first (MISSED_OWNER=last: last).
 */
export function finalUser(call, rules, crmResponsible = null) {
    if (call.direction === 'outbound')
        return call.callerExtension ?? (isExtension(call.answeredBy) ? call.answeredBy : null);
    return currentAgent(call) ?? missedOwnerOf(call, rules, crmResponsible);
}
function missedOwnerOf(call, rules, crmResponsible) {
    if (call.direction !== 'inbound')
        return rules.missedResponsible ?? firstRang(call);
    return (isExtension(crmResponsible) ? crmResponsible : null) ?? lineOwner(call.line, rules) ?? rules.missedResponsible ?? rangOwner(call, rules);
}
/** finalUser with the rule that chose it and why, for the call's trace (`/v1/calls/{id}/trace`). */
export function explainFinalUser(call, rules, crmResponsible = null) {
    const extension = finalUser(call, rules, crmResponsible);
    if (call.direction === 'outbound') {
        return call.callerExtension
            ? { extension, rule: 'outbound-caller', reason: `the extension that placed the outbound call (${call.callerExtension})` }
            : { extension, rule: 'outbound-answerer', reason: 'the outbound call names no calling extension: the one that answered' };
    }
    if (currentAgent(call) !== null) {
        const transferred = call.transfers.length > 0 ? ` after ${call.transfers.length} transfer(s)` : '';
        return { extension, rule: 'last-answerer', reason: `the extension that answered last${transferred}` };
    }
    if (call.direction === 'inbound' && isExtension(crmResponsible))
        return { extension, rule: 'crm-responsible', reason: 'nobody answered: the client\'s responsible in the CRM' };
    if (call.direction === 'inbound' && lineOwner(call.line, rules) !== null)
        return { extension, rule: 'line-owner', reason: `nobody answered: the owner of line ${call.line ?? ''} (rules file notify.lines)` };
    if (rules.missedResponsible !== null)
        return { extension, rule: 'missed-calls-responsible', reason: 'nobody answered: MISSED_CALLS_RESPONSIBLE' };
    if (extension === null)
        return { extension, rule: 'nobody', reason: 'nobody answered and no extension rang' };
    return rules.missedOwner === 'last' && call.direction === 'inbound'
        ? { extension, rule: 'last-rang', reason: 'nobody answered: the last extension that rang (MISSED_OWNER=last)' }
        : { extension, rule: 'first-rang', reason: 'nobody answered: the first extension that rang' };
}
