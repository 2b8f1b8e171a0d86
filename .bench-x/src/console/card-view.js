/** Whether the call ever rang for, was answered by, or was transferred from or to this extension. */
export function concerns(card, extension) {
    return card.rang.includes(extension) || card.answeredBy === extension || card.talking.includes(extension) || card.callerExtension === extension
        || card.transfers.some((t) => t.from === extension || t.to === extension);
}
/** Every extension the card concerns (`concerns` is true exactly for these): the operators' pages it is sent to. */
export function concernedExtensions(card) {
    const out = new Set(card.rang);
    for (const ext of card.talking)
        out.add(ext);
    if (card.answeredBy !== null)
        out.add(card.answeredBy);
    if (card.callerExtension !== null)
        out.add(card.callerExtension);
    for (const t of card.transfers) {
        if (t.from !== null)
            out.add(t.from);
        out.add(t.to);
    }
    return out;
}
/** Handed on: the viewer's last part in the transfers is giving the call away. */
function handedOn(card, extension) {
    for (let i = card.transfers.length - 1; i >= 0; i -= 1) {
        const t = card.transfers[i];
        if (t?.to === extension)
            return false;
        if (t?.from === extension)
            return true;
    }
    return false;
}
function operatorView(card, ext) {
    if (card.ringing.includes(ext))
        return 'ringing'; // rung again (a transfer back) before the old answer counts
    if (card.talking.includes(ext))
        return 'talking';
    if (card.answeredBy !== null && card.rang.includes(ext))
        return 'elsewhere';
    if (handedOn(card, ext))
        return 'elsewhere';
    return 'gone';
}
export function cardView(card, viewer) {
    if (card.stage === 'ended')
        return 'gone';
    const mine = operatorView(card, viewer.extension);
    if (viewer.role === 'supervisor' && (mine === 'gone' || mine === 'elsewhere'))
        return 'board';
    return mine;
}
/** Whether a viewer is sent this card event at all: a supervisor every one, an operator those of calls that concern them. */
export function sentTo(card, viewer) {
    return viewer.role === 'supervisor' || concerns(card, viewer.extension);
}
