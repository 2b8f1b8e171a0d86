/** The one error taxonomy (docs/architecture.md, "Errors"). The code that understands a failure classifies it; callers branch on the class. */

/** Network trouble, 5xx, rate limits: try again later, after `retryAfterMs` when the peer said so. */
export class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(message: string, readonly retryAfterMs?: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Bad request, bad credentials, missing scope: retrying cannot help; the message says what to fix. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** Wraps anything thrown that is not an Error. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
