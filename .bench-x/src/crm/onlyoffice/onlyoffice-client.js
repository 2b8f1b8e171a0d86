import axios from 'axios';
import { scrubSecrets } from '../../log.js';
import { PermanentError } from '../../errors.js';
import { classifyStatus, credentialsHint, networkFailure, retryAfterMsOf, serverMessage } from './onlyoffice-failure.js';
import { field, idField, textField } from './onlyoffice-fields.js';
import { hostPortOf } from '../../net/network-failure.js';
/** Re-login this long before the token's `expires`. */
const EXPIRY_MARGIN_MS = 60_000;
function parseJson(text) {
    if (typeof text !== 'string' || text.trim() === '')
        return null;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * HTTP to one ONLYOFFICE Workspace portal (docs/onlyoffice-crm.md §1): JSON bodies, the raw token in `Authorization`
 * (no `Bearer`), the `{status, response | error}` envelope. With ONLYOFFICE_USERNAME/PASSWORD it logs in, keeps the
 * token until shortly before `expires`, and logs in again once after a 401. Never logs URLs, headers or bodies.
 */
export class OnlyofficeClient {
    oo;
    log;
    nowMs;
    http;
    session = null;
    constructor(oo, log, nowMs = Date.now) {
        this.oo = oo;
        this.log = log;
        this.nowMs = nowMs;
        this.http = axios.create({
            baseURL: `${oo.baseUrl}/api/2.0/`, timeout: oo.timeoutMs, maxRedirects: 0, validateStatus: () => true,
            responseType: 'text', transformResponse: [(data) => data],
            headers: { Accept: 'application/json', 'User-Agent': 'pbx-crm-bridge' },
        });
    }
    /** Sends one request and returns the envelope's `response`. */
    async call(req) {
        const what = `${req.method} ${req.path}`;
        let reply = await this.send(req, await this.token());
        if (reply.status === 401 && this.oo.auth.kind === 'login') {
            this.session = null;
            reply = await this.send(req, await this.token());
        }
        return this.unwrap(what, reply);
    }
    async token() {
        if (this.oo.auth.kind === 'token')
            return this.oo.auth.token;
        if (this.session && this.session.validUntilMs > this.nowMs())
            return this.session.token;
        const { userName, password } = this.oo.auth;
        const reply = await this.send({ method: 'POST', path: 'authentication', body: { userName, password } }, null);
        if (reply.status === 401 || reply.status === 400 || reply.status === 403) {
            throw new PermanentError(`ONLYOFFICE login failed: HTTP ${reply.status}${this.scrub(serverMessage(reply.body))}; ${credentialsHint(this.oo.auth)}`);
        }
        const response = this.unwrap('POST authentication', reply);
        const token = textField(response, 'token');
        if (!token)
            throw new PermanentError(`ONLYOFFICE login returned no token (two-factor authentication?); ${credentialsHint(this.oo.auth)}`);
        const expiresMs = Date.parse(textField(response, 'expires') ?? '');
        this.session = { token, validUntilMs: Number.isNaN(expiresMs) ? this.nowMs() + 3_600_000 : expiresMs - EXPIRY_MARGIN_MS };
        this.log.info({ expires: textField(response, 'expires') }, 'onlyoffice login');
        return token;
    }
    async send(req, token) {
        const started = this.nowMs();
        const headers = req.body ? { 'Content-Type': 'application/json' } : {};
        if (token !== null)
            headers['Authorization'] = token;
        const res = await this.http.request({
            method: req.method, url: req.path, params: req.query, headers, data: req.body ? JSON.stringify(req.body) : undefined,
        }).catch((err) => {
            throw networkFailure(`${req.method} ${req.path}`, axios.isAxiosError(err) ? err.code : undefined, this.oo.timeoutMs, hostPortOf(this.oo.baseUrl));
        });
        this.log.debug({ method: req.method, path: req.path, status: res.status, durationMs: this.nowMs() - started }, 'onlyoffice request');
        return { status: res.status, body: parseJson(res.data), retryAfter: res.headers['retry-after'] };
    }
    unwrap(what, reply) {
        if (reply.status < 200 || reply.status >= 300) {
            throw classifyStatus(what, reply.status, reply.body, retryAfterMsOf(reply.retryAfter, this.nowMs()), this.oo.auth, (t) => this.scrub(t));
        }
        if (reply.body === undefined || reply.body === null || typeof reply.body !== 'object') {
            throw new PermanentError(`ONLYOFFICE ${what} answered HTTP ${reply.status} with no JSON envelope; check that ONLYOFFICE_URL is the Workspace portal address`);
        }
        if (field(reply.body, 'status') === 1 || field(reply.body, 'error') !== undefined) {
            throw new PermanentError(this.scrub(`ONLYOFFICE ${what} failed: status ${idField(reply.body, 'statusCode') ?? reply.status}${serverMessage(reply.body)}`));
        }
        return field(reply.body, 'response') ?? null;
    }
    scrub(text) {
        const secrets = this.session ? [...this.oo.secrets, this.session.token] : this.oo.secrets;
        return scrubSecrets(text, secrets);
    }
}
