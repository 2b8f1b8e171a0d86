import { unobservedNote } from '../unobserved-note.js';
/** VoipCallStatus (docs/onlyoffice-crm.md §2): 0 Incoming, 1 Outcoming, 2 Answered, 3 Missed. */
export const VOIP_STATUS = { incoming: 0, outgoing: 1, answered: 2, missed: 3 };
/** `voip/call/{callId}` accepts `\w+` only (docs/onlyoffice-crm.md §8): the Asterisk id `1773130770.42` becomes `1773130770_42`. */
export function journalCallId(id) {
    return id.replace(/\W/g, '_');
}
export function digitsOf(phone) {
    return phone.replace(/\D/g, '');
}
/**
 * What to put in `bycontactinfo?data=`: the stored string is matched with `LIKE '%data%'` and no normalization (docs/onlyoffice-crm.md §3),
 * so search by the last 10 digits and re-check candidates with samePhone.
 */
export function phoneSearchText(phone) {
    const digits = digitsOf(phone);
    return digits.length > 10 ? digits.slice(-10) : digits;
}
/** Same number after stripping formatting: equal digits, or equal last 10 digits when both have at least 10. */
export function samePhone(stored, phone) {
    const a = digitsOf(stored);
    const b = digitsOf(phone);
    if (a === '' || b === '')
        return false;
    if (a.length >= 10 && b.length >= 10)
        return a.slice(-10) === b.slice(-10);
    return a === b;
}
/** How a caller without a number is named in texts. */
const ANONYMOUS = 'anonymous';
/** `from`/`to` of the journal entry: the client's number on its side, our line (or extension) on ours. */
export function journalParties(call) {
    const ours = call.line ?? call.extension ?? '';
    const theirs = call.phone ?? ANONYMOUS;
    return call.direction === 'inbound' ? { from: theirs, to: ours } : { from: ours, to: theirs };
}
function answered(end) {
    return end.disposition === 'answered' && end.answeredAtMs !== null;
}
export function finishStatus(end) {
    return answered(end) ? VOIP_STATUS.answered : VOIP_STATUS.missed;
}
/** The history event's text (docs/onlyoffice-crm.md §5: direction, duration, agent, record URL), ending with our call id. */
export function historyContent(callId, end) {
    const line = end.line ? ` (line ${end.line})` : '';
    const phone = end.phone ?? ANONYMOUS;
    const agent = end.extension ?? 'nobody';
    const ringSec = Math.max(0, Math.round(((end.answeredAtMs ?? end.endedAtMs) - end.startedAtMs) / 1000));
    const what = end.direction === 'inbound'
        ? (answered(end) ? `Incoming call from ${phone}${line}, ${end.talkDurationSec} s, answered by ${agent}.` : `Missed incoming call from ${phone}${line}, rang ${ringSec} s (${end.disposition}), responsible ${agent}.`)
        : (answered(end) ? `Outgoing call to ${phone}${line} by ${agent}, ${end.talkDurationSec} s.` : `Outgoing call to ${phone}${line} by ${agent}, not answered (${end.disposition}).`);
    const files = end.recordingFiles;
    const recording = files.length === 0 ? '' : files.length === 1 ? ` Recording: ${files[0]}` : ` Recordings: ${files.join(' , ')}`;
    const note = unobservedNote(end);
    return `${what}${recording}${note === null ? '' : ` ${note}`} Call id: ${callId}`;
}
export function recordingContent(callId, file) {
    return `Call recording: ${file} Call id: ${callId}`;
}
export function taskDescription(task) {
    return `Call back ${task.phone}. Call id: ${task.callId}`;
}
export function isoDate(ms) {
    return new Date(ms).toISOString();
}
export function attachmentOf(entity, learnedContactId) {
    if (entity && (entity.kind === 'contact' || entity.kind === 'company') && /^\d+$/.test(entity.id))
        return { contactId: Number(entity.id) };
    if (entity && entity.kind === 'deal' && /^\d+$/.test(entity.id))
        return { entityType: 'opportunity', entityId: Number(entity.id) };
    return learnedContactId && /^\d+$/.test(learnedContactId) ? { contactId: Number(learnedContactId) } : null;
}
