import { displayPhone } from './phone-display.js';
export function toConsoleCard(ev) {
    const c = ev.call;
    return {
        callId: c.id, seq: ev.seq, stage: ev.stage, atMs: ev.atMs, direction: c.direction, externalNumber: c.externalNumber,
        number: displayPhone(c.externalNumber ?? c.callerExtension),
        line: c.line === null ? null : displayPhone(c.line), queue: c.queue, callerExtension: c.callerExtension, startedAtMs: c.startedAtMs,
        // once answered, what still rings is a new ring (a transfer); the rest of a queue's ring is over even before its DialEnd
        ringing: [...new Set(c.rang.filter((r) => r.outcome === 'ringing' && (c.answeredAtMs === null || r.startedAtMs >= c.answeredAtMs)).map((r) => r.target))],
        rang: [...new Set(c.rang.map((r) => r.target))],
        answeredBy: c.answeredBy, answeredAtMs: c.answeredAtMs, talking: talkingNow(c),
        transfers: c.transfers.map((t) => ({ from: t.fromExtension, to: t.toTarget })),
        disposition: c.disposition, endedAtMs: c.endedAtMs, mergedInto: ev.mergedInto ?? null,
    };
}
/**
 * The targets whose latest ring attempt was answered and who did not transfer the call away after that answer (a
 * blind or blonde transfer's target answers after the transferer handed it on; an attended one's answered the consult
 * call). The first answerer counts when no attempt of theirs was seen (an answer found by a resync).
 */
function talkingNow(c) {
    const latest = new Map();
    for (const r of c.rang) {
        const seen = latest.get(r.target);
        if (!seen || r.startedAtMs >= seen.startedAtMs)
            latest.set(r.target, r);
    }
    const handedOnSince = (ext, sinceMs) => c.transfers.some((t) => t.fromExtension === ext && t.atMs >= sinceMs);
    const talking = [];
    for (const [target, r] of latest) {
        if (r.outcome === 'answered' && !handedOnSince(target, r.endedAtMs ?? r.startedAtMs))
            talking.push(target);
    }
    const first = c.answeredBy;
    if (first !== null && !latest.has(first) && c.answeredAtMs !== null && !handedOnSince(first, c.answeredAtMs))
        talking.unshift(first);
    return talking;
}
/** The stream entry of a call event: the card, and whether the call is still current (the live hash keeps it) or gone. */
export function consoleEntry(ev) {
    const card = toConsoleCard(ev);
    return { callId: card.callId, json: JSON.stringify(card), current: ev.stage !== 'ended' };
}
