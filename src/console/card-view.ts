import type { ConsoleCard } from './console-card.js';

export type ConsoleRole = 'operator' | 'supervisor';

export interface ConsoleViewer {
  readonly extension: string;
  readonly role: ConsoleRole;
}

/**
 * How one viewer sees a card:
 * - `ringing`: it rings on the viewer's extension now;
 * - `talking`: the viewer talks on it now: answered it and has not handed it on, or picked it up as a transfer's target;
 * - `elsewhere`: it rang for the viewer, someone else answered it or took it over by a transfer: shown briefly, then gone;
 * - `board`: a supervisor's view of a current call that is not ringing for or answered by them;
 * - `gone`: the viewer has no card for it (ended, never theirs, their ring attempt ended).
 * An operator is sent only the events of calls that concern them (see `concerns`).
 */
export type CardView = 'ringing' | 'talking' | 'elsewhere' | 'board' | 'gone';

/** Whether the call ever rang for, was answered by, or was transferred from or to this extension. */
export function concerns(card: ConsoleCard, extension: string): boolean {
  return card.rang.includes(extension) || card.answeredBy === extension || card.talking.includes(extension) || card.callerExtension === extension
    || card.transfers.some((t) => t.from === extension || t.to === extension);
}

/** Every extension the card concerns (`concerns` is true exactly for these): the operators' pages it is sent to. */
export function concernedExtensions(card: ConsoleCard): Set<string> {
  const out = new Set<string>(card.rang);
  for (const ext of card.talking) out.add(ext);
  if (card.answeredBy !== null) out.add(card.answeredBy);
  if (card.callerExtension !== null) out.add(card.callerExtension);
  for (const t of card.transfers) {
    if (t.from !== null) out.add(t.from);
    out.add(t.to);
  }
  return out;
}

/** Handed on: the viewer's last part in the transfers is giving the call away. */
function handedOn(card: ConsoleCard, extension: string): boolean {
  for (let i = card.transfers.length - 1; i >= 0; i -= 1) {
    const t = card.transfers[i];
    if (t?.to === extension) return false;
    if (t?.from === extension) return true;
  }
  return false;
}

function operatorView(card: ConsoleCard, ext: string): CardView {
  if (card.ringing.includes(ext)) return 'ringing';     // rung again (a transfer back) before the old answer counts
  if (card.talking.includes(ext)) return 'talking';
  if (card.answeredBy !== null && card.rang.includes(ext)) return 'elsewhere';
  if (handedOn(card, ext)) return 'elsewhere';
  return 'gone';
}

export function cardView(card: ConsoleCard, viewer: ConsoleViewer): CardView {
  if (card.stage === 'ended') return 'gone';
  const mine = operatorView(card, viewer.extension);
  if (viewer.role === 'supervisor' && (mine === 'gone' || mine === 'elsewhere')) return 'board';
  return mine;
}

/** Whether a viewer is sent this card event at all: a supervisor every one, an operator those of calls that concern them. */
export function sentTo(card: ConsoleCard, viewer: ConsoleViewer): boolean {
  return viewer.role === 'supervisor' || concerns(card, viewer.extension);
}
