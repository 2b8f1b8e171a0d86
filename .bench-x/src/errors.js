/** The one error taxonomy (docs/architecture.md, "Errors"). The code that understands a failure classifies it; callers branch on the class. */
/** Network trouble, 5xx, rate limits: try again later, after `retryAfterMs` when the peer said so. */
export class RetryableError extends Error {
    retryAfterMs;
    name = 'RetryableError';
    constructor(message, retryAfterMs, options) {
        super(message, options);
        this.retryAfterMs = retryAfterMs;
    }
}
/** Bad request, bad credentials, missing scope: retrying cannot help; the message says what to fix. */
export class PermanentError extends Error {
    name = 'PermanentError';
}
/** Wraps anything thrown that is not an Error. */
export function toError(value) {
    if (value instanceof Error)
        return value;
    return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
const AFTER_REGISTRATION = 'afterRegistration';
/**
 * Marks what CrmAdapter.registerCall throws once the CRM did register the call (another part of the same request failed:
 * an entity creation, one user's card): sync/ then does not take it for a refused registration; a retry finds the call.
 * The error keeps its class (retryable or permanent).
 */
export function afterRegistration(raw) {
    const err = toError(raw);
    Object.defineProperty(err, AFTER_REGISTRATION, { value: true, enumerable: false });
    return err;
}
/** Whether registerCall threw this after the CRM had registered the call (afterRegistration). */
export function isAfterRegistration(err) {
    return err instanceof Error && err[AFTER_REGISTRATION] === true;
}
