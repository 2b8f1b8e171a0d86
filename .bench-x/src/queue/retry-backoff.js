import { RetryableError } from '../errors.js';
export const RETRY_BASE_DELAY_MS = 1000;
export const RETRY_MAX_DELAY_MS = 5 * 60_000;
/** The custom BullMQ backoff type every call-event job uses. */
export const CALL_SYNC_BACKOFF = 'call-sync';
/**
 * Delay before retry number `attemptsMade` (1 after the first failure): exponential from 1 s, capped at 5 min,
 * but never shorter than the `retryAfterMs` the peer asked for.
 */
export function retryDelayMs(attemptsMade, err) {
    const exponent = Math.max(0, attemptsMade - 1);
    const exponentialMs = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** exponent);
    const askedMs = err instanceof RetryableError && err.retryAfterMs !== undefined ? err.retryAfterMs : 0;
    return Math.max(exponentialMs, Math.min(askedMs, RETRY_MAX_DELAY_MS * 2));
}
