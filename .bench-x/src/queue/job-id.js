/** Name of the one BullMQ queue that carries call events. */
export const CALL_EVENTS_QUEUE = 'call-events';
/** BullMQ keys live under `<REDIS_PREFIX>:bull`, apart from our own keys. */
export function bullPrefix(redisPrefix) {
    return `${redisPrefix}:bull`;
}
/** Job id of one call event. BullMQ refuses custom ids containing ':', so any ':' in a call id becomes '_'. */
export function jobIdFor(callId, seq) {
    return `${callId.replaceAll(':', '_')}-${seq}`;
}
/** The job that resends a call's end (CallEventQueue.resend): one per call at a time. */
export function resendJobId(callId) {
    return `${callId.replaceAll(':', '_')}-resend`;
}
