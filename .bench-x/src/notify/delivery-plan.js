/**
 * Send now or gather into a digest: NOTIFY_DIGEST_MINUTES > 0 gathers every mail; otherwise an address that got
 * `hourlyLimit` mails within the past hour gets the rest as a digest (chats are never gathered). Pure.
 */
export function deliveryMode(input) {
    if (input.channel !== 'email')
        return 'now';
    if (input.digestMinutes > 0)
        return 'digest';
    return input.sentLastHour >= input.hourlyLimit ? 'digest' : 'now';
}
/** Minutes a digest gathers: NOTIFY_DIGEST_MINUTES, or (an address over its limit) a quarter of an hour. */
export function digestWindowMin(digestMinutes) {
    return digestMinutes > 0 ? digestMinutes : 15;
}
/** The end of the digest window `atMs` falls in (windows start on multiples of the window since the epoch). */
export function digestWindowEnd(atMs, windowMin) {
    const windowMs = windowMin * 60_000;
    return Math.floor(atMs / windowMs) * windowMs + windowMs;
}
/** Delay of retry `attemptsMade` (1 after the first failure): exponential from `baseMs`, capped at 10 minutes. */
export function notifyRetryDelayMs(attemptsMade, baseMs, retryAfterMs = 0) {
    const exp = Math.min(10 * 60_000, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.max(exp, Math.min(retryAfterMs, 10 * 60_000));
}
/** A BullMQ repeat pattern for HH:MM every day. */
export function dailyCron(hhmm) {
    const [h, m] = hhmm.split(':');
    return `${Number(m)} ${Number(h)} * * *`;
}
