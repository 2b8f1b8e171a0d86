/**
 * Exponential backoff with jitter for reconnect attempt `attempt` (1 = first retry):
 * the ceiling doubles from minMs up to maxMs, and the delay is drawn from [ceiling/2, ceiling]
 * so that many daemons restarted together do not hit the PBX in lock-step.
 */
export function reconnectDelayMs(attempt, minMs, maxMs, random = Math.random) {
    const exponent = Math.min(Math.max(attempt - 1, 0), 30);
    const ceilingMs = Math.min(maxMs, minMs * 2 ** exponent);
    const jittered = ceilingMs / 2 + random() * (ceilingMs / 2);
    return Math.round(Math.min(maxMs, Math.max(Math.min(minMs, maxMs) / 2, jittered)));
}
