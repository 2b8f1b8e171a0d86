function directionOf(call) {
    if (call.inbound)
        return 'inbound';
    if (call.outbound)
        return 'outbound';
    return 'internal';
}
/** How an unanswered call ended, from its ring attempts (docs/asterisk-ami.md §3: DialEnd decides, the hang-up cause only qualifies). */
export function unansweredDisposition(outcomes, inbound, operatorOutcome = null) {
    const gaveUp = inbound ? 'missed' : 'cancelled';
    if (outcomes.length === 0) {
        // click-to-dial that never got past the operator: the operator's own outcome explains it
        return operatorOutcome === null || operatorOutcome === 'answered' || operatorOutcome === 'ringing' ? gaveUp : unansweredDisposition([operatorOutcome], inbound);
    }
    if (outcomes.every((o) => o === 'busy'))
        return 'busy';
    if (outcomes.some((o) => o === 'noanswer'))
        return 'noanswer';
    if (outcomes.every((o) => o === 'failed' || o === 'busy'))
        return 'failed';
    return gaveUp;
}
function seconds(fromMs, toMs) {
    return toMs === null ? null : Math.max(0, Math.round((toMs - fromMs) / 1000));
}
/** A fresh, frozen-by-convention snapshot of the call for one CallEvent; `endReason` of its `ended` event, if it is one. */
export function buildSnapshot(call, endedAtMs, endReason) {
    const answered = call.answeredAtMs;
    let disposition = null;
    if (endedAtMs !== null) {
        disposition = answered !== null ? 'answered' : unansweredDisposition(call.attempts.map((a) => a.outcome), call.inbound, call.operatorOutcome);
    }
    return {
        id: call.id,
        linkedIds: [...call.linkedIds],
        direction: directionOf(call),
        externalNumber: call.externalNumber,
        line: call.line,
        callerExtension: call.callerExtension,
        startedAtMs: call.startedAtMs,
        rang: call.attempts.map((a) => ({ target: a.target, startedAtMs: a.startedAtMs, endedAtMs: a.endedAtMs, outcome: a.outcome })),
        answeredBy: call.answeredBy,
        answeredAtMs: answered,
        transfers: call.transfers.map((t) => ({ ...t })),
        queue: call.queue,
        endedAtMs,
        ringDurationSec: endedAtMs === null ? null : seconds(call.startedAtMs, answered ?? endedAtMs),
        talkDurationSec: endedAtMs === null || answered === null ? null : seconds(answered, endedAtMs),
        disposition,
        hangupCause: endedAtMs === null ? null : call.hangupCause,
        recordingFile: call.recordings[0]?.file ?? null,
        recordingFiles: call.recordings.map((r) => r.file),
        crmCallId: call.crmCallId,
        ...(endReason === 'vanished' || endReason === 'pbx-restart' || endReason === 'stale' ? { endedUnobserved: true, endReason } : {}),
        ...(call.answerUnobserved === true ? { answerUnobserved: true } : {}),
    };
}
