import { PermanentError, RetryableError } from '../../errors.js';
import { networkFailureText } from '../../net/network-failure.js';
/** A Bitrix24 method refused the request for good; `code`/`description` are Bitrix24's (scrubbed). */
export class Bitrix24Error extends PermanentError {
    method;
    code;
    description;
    constructor(message, method, code, description) {
        super(message);
        this.method = method;
        this.code = code;
        this.description = description;
    }
}
/** Errors the client handles itself: wait and resend the same command. */
export function isLimitFailure(f) {
    return f.code === 'QUERY_LIMIT_EXCEEDED' || f.code === 'OPERATION_TIME_LIMIT';
}
export function isExpiredToken(f) {
    return f.code === 'expired_token';
}
const SCOPE_BY_PREFIX = [
    ['telephony.', 'telephony'], ['crm.', 'crm'], ['user.', 'user'], ['im.', 'im'],
];
function scopeOf(method) {
    const lower = method.toLowerCase();
    return SCOPE_BY_PREFIX.find(([prefix]) => lower.startsWith(prefix))?.[1] ?? 'basic';
}
function credentialsHint(mode) {
    return mode === 'webhook'
        ? 'check BITRIX24_WEBHOOK_URL (user id and secret of an active inbound webhook)'
        : 'check BITRIX24_CLIENT_ID, BITRIX24_CLIENT_SECRET and BITRIX24_REFRESH_TOKEN (reinstall the local application to get new tokens)';
}
const RETRYABLE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'ERROR_UNEXPECTED_ANSWER', 'OVERLOAD_LIMIT', 'PORTAL_DELETED', 'ERROR_BATCH_LENGTH_EXCEEDED', 'SERVER_NOT_AVAILABLE']);
const CREDENTIAL_CODES = new Set(['INVALID_CREDENTIALS', 'NO_AUTH_FOUND', 'invalid_token', 'expired_token', 'invalid_grant', 'invalid_client', 'wrong_client']);
/** Where the sign-in choice (webhook or local application) is explained. */
export const SIGN_IN_DOCS = 'docs/bitrix24-setup.md#1-choose-how-the-bridge-signs-in';
/** Auth-class codes: the portal refuses us until a setting changes (reported on /ready until the method works again). */
const AUTH_CODES = new Set([...CREDENTIAL_CODES, 'WRONG_AUTH_TYPE', 'insufficient_scope', 'ACCESS_DENIED', 'user_access_error']);
export function isAuthProblem(code) {
    return AUTH_CODES.has(code);
}
/** Every permanent failure names the method, the portal's code and what fixes it (a setting or an action on the portal). */
function permanentMessage(f, mode) {
    const head = `Bitrix24 ${f.method} failed (${f.code || `HTTP ${f.status ?? '?'}`})`;
    const said = f.description ? ` [portal: ${f.description}]` : '';
    if (f.code === 'insufficient_scope') {
        return `${head}: the ${mode === 'webhook' ? 'inbound webhook' : 'local application'} lacks the "${scopeOf(f.method)}" scope; add it in Bitrix24 (Developer resources) and keep the same ${mode === 'webhook' ? 'BITRIX24_WEBHOOK_URL' : 'BITRIX24_CLIENT_ID'} (${SIGN_IN_DOCS})`;
    }
    if (CREDENTIAL_CODES.has(f.code))
        return `${head}: invalid credentials; ${credentialsHint(mode)}${said}`;
    if (f.code === 'WRONG_AUTH_TYPE') {
        return mode === 'webhook'
            ? `${head}: this portal refuses telephony methods to an inbound webhook; create a local application (OAuth) with the telephony, crm and user scopes and set BITRIX24_PORTAL_URL, BITRIX24_CLIENT_ID, BITRIX24_CLIENT_SECRET and BITRIX24_REFRESH_TOKEN instead of BITRIX24_WEBHOOK_URL (${SIGN_IN_DOCS})`
            : `${head}: the portal refuses this method to the local application; reinstall it as a server application with the telephony scope (${SIGN_IN_DOCS})`;
    }
    if (f.code === 'ERROR_METHOD_NOT_FOUND')
        return `${head}: method not found on this portal; update Bitrix24 or check the portal URL (BITRIX24_WEBHOOK_URL / BITRIX24_PORTAL_URL)${said}`;
    if (f.code === 'ACCESS_DENIED' || f.code === 'user_access_error') {
        return `${head}: access denied; give the user of the ${mode === 'webhook' ? 'webhook' : 'application'} the right to this in Bitrix24 (an administrator, or CRM and telephony access rights)${said}`;
    }
    return `${head}: ${f.description || 'error'}; the call stage is kept in the failed jobs (npm run jobs to retry it, or POST /v1/calls/{id}/resend once fixed)`;
}
/** Classifies a Bitrix24 error body (limits and expired tokens are handled by the client before this). */
export function classifyFailure(f, mode, scrub, retryAfterMs) {
    const status = f.status ?? 0;
    if (isLimitFailure(f) || RETRYABLE_CODES.has(f.code) || status >= 500) {
        const fix = isLimitFailure(f) ? 'the portal\'s request limit: retried later (lower the load or BITRIX24_RATE_PER_SEC)' : 'the portal is failing: retried later';
        return new RetryableError(scrub(`Bitrix24 ${f.method} failed (${f.code || `HTTP ${status}`}): ${f.description ? `${f.description}; ` : ''}${fix}`), retryAfterMs);
    }
    return new Bitrix24Error(scrub(permanentMessage(f, mode)), f.method, f.code, scrub(f.description));
}
/** A request that never got a Bitrix24 answer (connection refused, timeout, reset). */
export function networkError(method, code, status, target = '') {
    const what = status ? `HTTP ${status}` : networkFailureText(code, target || 'the portal');
    return new RetryableError(`Bitrix24 ${method} request failed (${code ?? (status ? `HTTP ${status}` : 'no answer')}): ${what}; retried later (check the portal URL in BITRIX24_WEBHOOK_URL / BITRIX24_PORTAL_URL and this host's network)`);
}
