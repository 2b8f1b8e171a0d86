import axios from 'axios';
import { scrubSecrets } from '../../log.js';
import { PermanentError, RetryableError } from '../../errors.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.js';
import { hostPortOf, networkFailureText } from '../../net/network-failure.js';
/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMsOf(header, nowMs) {
    if (typeof header !== 'string' || header.trim() === '')
        return undefined;
    if (/^\d+$/.test(header.trim()))
        return Number(header.trim()) * 1000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
/** Only the URL's origin (scheme, host, port): a path, query or user info may hold a token. Safe for messages and logs. */
export function describeUrl(value) {
    try {
        const url = new URL(value);
        return url.origin;
    }
    catch {
        return '(invalid WEBHOOK_URL)';
    }
}
function parseBody(text) {
    if (typeof text !== 'string' || text.trim() === '')
        return null;
    try {
        return JSON.parse(text);
    }
    catch {
        return null;
    }
}
function receiverMessage(body) {
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string')
        return `: ${body.error.slice(0, 200)}`;
    return '';
}
/** Signs and POSTs one delivery; classifies every failure as RetryableError or PermanentError. */
export class WebhookClient {
    config;
    log;
    nowMs;
    http;
    where;
    constructor(config, log, nowMs = Date.now) {
        this.config = config;
        this.log = log;
        this.nowMs = nowMs;
        this.where = describeUrl(config.url);
        this.http = axios.create({
            timeout: config.timeoutMs, maxRedirects: 0, validateStatus: () => true,
            responseType: 'text', transformResponse: [(data) => data],
        });
    }
    /** Sends the delivery; a 404 answers `null` when `notFoundIsEmpty` (lookups), else it is a PermanentError. */
    async send(draft, opts = {}) {
        const event = { type: draft.type, id: draft.id, sentAt: new Date(this.nowMs()).toISOString(), data: draft.data };
        const body = JSON.stringify(event);
        const timestampSec = Math.floor(this.nowMs() / 1000);
        const headers = {
            'Content-Type': 'application/json', 'User-Agent': 'pbx-crm-bridge',
            [TIMESTAMP_HEADER]: String(timestampSec), [SIGNATURE_HEADER]: signWebhook(this.config.secret, timestampSec, body),
        };
        const started = this.nowMs();
        const res = await this.http.post(this.config.url, body, { headers }).catch((err) => {
            throw this.networkError(draft, err);
        });
        this.log.debug({ type: draft.type, id: draft.id, status: res.status, durationMs: this.nowMs() - started }, 'webhook delivered');
        const parsed = parseBody(res.data);
        if (res.status >= 200 && res.status < 300)
            return { status: res.status, body: parsed };
        if (res.status === 404 && opts.notFoundIsEmpty)
            return { status: 404, body: null };
        throw this.statusError(draft, res.status, parsed, res.headers['retry-after']);
    }
    scrub(text) {
        return scrubSecrets(text, this.config.secrets);
    }
    networkError(draft, err) {
        const code = axios.isAxiosError(err) ? (err.code ?? 'network error') : 'network error';
        const what = code === 'ECONNABORTED' || code === 'ETIMEDOUT'
            ? `no answer within WEBHOOK_TIMEOUT_MS=${this.config.timeoutMs}` : networkFailureText(code, hostPortOf(this.config.url));
        return new RetryableError(this.scrub(`webhook ${draft.type} to ${this.where} failed: ${what}`));
    }
    statusError(draft, status, body, retryAfter) {
        const head = `webhook ${draft.type} to ${this.where} failed: HTTP ${status}`;
        if (status === 429 || status === 408 || status >= 500) {
            return new RetryableError(this.scrub(`${head}${receiverMessage(body)}`), retryAfterMsOf(retryAfter, this.nowMs()));
        }
        if (status === 401 || status === 403) {
            return new PermanentError(`${head}: the receiver refused our signature; check that WEBHOOK_SECRET matches the receiver's secret and that both clocks are in sync`);
        }
        if (status >= 300 && status < 400)
            return new PermanentError(`${head}: redirects are not followed; set WEBHOOK_URL to the final URL`);
        return new PermanentError(this.scrub(`${head}${receiverMessage(body)}`));
    }
}
