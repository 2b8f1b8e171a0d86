import { PermanentError, RetryableError } from '../../errors.js';
import { field, textField } from './onlyoffice-fields.js';
import { networkFailureText } from '../../net/network-failure.js';
/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMsOf(header, nowMs) {
    if (typeof header !== 'string' || header.trim() === '')
        return undefined;
    if (/^\d+$/.test(header.trim()))
        return Number(header.trim()) * 1000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
/** The server's `error.message` from the error envelope (docs/onlyoffice-crm.md §1), shortened; '' when there is none. */
export function serverMessage(body) {
    const message = textField(field(body, 'error'), 'message');
    return message ? `: ${message.slice(0, 200)}` : '';
}
export function credentialsHint(auth) {
    return auth.kind === 'token'
        ? 'check ONLYOFFICE_TOKEN (it may have expired; get a new one with POST /api/2.0/authentication)'
        : 'check ONLYOFFICE_USERNAME and ONLYOFFICE_PASSWORD (the user must not use two-factor authentication)';
}
/**
 * Classifies an HTTP reply that is not a success. The docs give 401 for "not authenticated"; the mapping of the rest
 * (400 bad parameter, 403 access denied, 404 not found, 500 anything else) is unconfirmed (docs/onlyoffice-crm.md §1), so every 5xx is
 * retried (JOB_ATTEMPTS bounds it) and every other 4xx fails for good.
 */
export function classifyStatus(what, status, body, retryAfterMs, auth, scrub) {
    const head = `ONLYOFFICE ${what} failed: HTTP ${status}`;
    const message = scrub(serverMessage(body));
    if (status === 429 || status === 408 || status >= 500)
        return new RetryableError(`${head}${message}`, retryAfterMs);
    if (status === 401)
        return new PermanentError(`${head}: not authenticated; ${credentialsHint(auth)}`);
    if (status === 403)
        return new PermanentError(`${head}: access denied${message}; the ONLYOFFICE user needs access to the CRM module`);
    if (status >= 300 && status < 400)
        return new PermanentError(`${head}: redirected; set ONLYOFFICE_URL to the portal's final https address`);
    return new PermanentError(`${head}${message}`);
}
/** A request that got no HTTP answer (refused, reset, timeout): ONLYOFFICE may or may not have run it. */
export function networkFailure(what, code, timeoutMs, target = '') {
    const reason = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? `no answer within ONLYOFFICE_TIMEOUT_MS=${timeoutMs}` : networkFailureText(code, target || 'the portal');
    return new RetryableError(`ONLYOFFICE ${what} failed: ${reason}`);
}
