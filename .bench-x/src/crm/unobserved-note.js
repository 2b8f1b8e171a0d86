/** Why the bridge did not see the end, as an operator reads it. */
const ENDED = {
    // both end at the last moment the call was known alive: it lasted at least that long
    'pbx-restart': 'Ended while the bridge was not reading the PBX (PBX restart): the outcome is the last state seen and '
        + 'the duration is an estimate (the call lasted at least this long).',
    vanished: 'Ended while the bridge was not reading the PBX (connection lost or bridge restarted): the outcome is the last '
        + 'state seen and the duration is an estimate (the call lasted at least this long).',
    // ends when the sweeper gave up on it: at most this long
    stale: 'No news of this call from the PBX for too long (its hang-up was lost): the outcome is the last state seen and '
        + 'the duration is an estimate (the call lasted at most this long).',
};
/**
 * The sentence a CRM shows with a call whose end or answer the bridge did not see (CallFinish `endedUnobserved`,
 * `answerUnobserved`), so nobody takes an estimate for a fact; null for a call seen from start to end.
 */
export function unobservedNote(end) {
    if (end.endedUnobserved === true)
        return ENDED[end.endReason ?? 'vanished'];
    // the answer is dated at the earliest it can have been
    if (end.answerUnobserved === true) {
        return 'Answered while the bridge was not reading the PBX: the answer time is an estimate, so the talk time may be a little shorter.';
    }
    return null;
}
