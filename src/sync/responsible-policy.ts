import type { CallSnapshot } from '../calls/call.js';
import type { ResponsibleChoice } from '../journal/call-journal.js';
import { isExtension, type SyncRules } from './sync-rules.js';

/** The first extension that rang (inbound), or null. */
export function firstRang(call: CallSnapshot): string | null {
  if (call.direction !== 'inbound') return null;
  const first = [...call.rang].sort((a, b) => a.startedAtMs - b.startedAtMs).find((r) => isExtension(r.target));
  return first?.target ?? null;
}

/** The extension a call is registered to at first: the caller (outbound), else the first one rung, else the missed-call owner. */
export function registerExtension(call: CallSnapshot, rules: Pick<SyncRules, 'missedResponsible'>): string | null {
  if (call.direction === 'outbound') return call.callerExtension;
  return firstRang(call) ?? rules.missedResponsible;
}

/** Nobody answered an inbound call (the caller was not served). */
export function isMissedInbound(call: CallSnapshot): boolean {
  if (call.direction !== 'inbound' || call.answeredBy !== null) return false;
  return call.disposition === null || ['missed', 'noanswer', 'busy'].includes(call.disposition);
}

/**
 * Who has the caller now (inbound): the extension that answered last, so after a transfer the transfer target
 * (the tracker keeps `answeredBy` = the first answerer); null while nobody answered.
 */
export function currentAgent(call: CallSnapshot): string | null {
  const answered = call.rang.filter((r) => r.outcome === 'answered' && isExtension(r.target));
  const last = [...answered].sort((a, b) => a.startedAtMs - b.startedAtMs).at(-1);
  return last?.target ?? (isExtension(call.answeredBy) ? call.answeredBy : null);
}

/**
 * The final user of a call. Outbound: the caller. Answered inbound: the last answerer (the target after transfers).
 * Missed inbound: MISSED_CALLS_RESPONSIBLE, else the first extension that rang.
 */
export function finalUser(call: CallSnapshot, rules: Pick<SyncRules, 'missedResponsible'>): string | null {
  if (call.direction === 'outbound') return call.callerExtension ?? (isExtension(call.answeredBy) ? call.answeredBy : null);
  return currentAgent(call) ?? rules.missedResponsible ?? firstRang(call);
}

/** finalUser with the rule that chose it and why, for the call's trace (`/v1/calls/{id}/trace`). */
export function explainFinalUser(call: CallSnapshot, rules: Pick<SyncRules, 'missedResponsible'>): ResponsibleChoice {
  const extension = finalUser(call, rules);
  if (call.direction === 'outbound') {
    return call.callerExtension
      ? { extension, rule: 'outbound-caller', reason: `the extension that placed the outbound call (${call.callerExtension})` }
      : { extension, rule: 'outbound-answerer', reason: 'the outbound call names no calling extension: the one that answered' };
  }
  if (currentAgent(call) !== null) {
    const transferred = call.transfers.length > 0 ? ` after ${call.transfers.length} transfer(s)` : '';
    return { extension, rule: 'last-answerer', reason: `the extension that answered last${transferred}` };
  }
  if (rules.missedResponsible !== null) return { extension, rule: 'missed-calls-responsible', reason: 'nobody answered: MISSED_CALLS_RESPONSIBLE' };
  return extension === null
    ? { extension, rule: 'nobody', reason: 'nobody answered and no extension rang' }
    : { extension, rule: 'first-rang', reason: 'nobody answered: the first extension that rang' };
}
