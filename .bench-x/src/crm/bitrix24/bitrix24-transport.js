import axios from 'axios';
import { OAuthSession } from './oauth-session.js';
import { hostPortOf } from '../../net/network-failure.js';
/** The request could not be completed (no HTTP answer): the caller cannot know whether Bitrix24 ran it. */
export class TransportError extends Error {
    code;
    status;
    target;
    name = 'TransportError';
    /** `target`: the portal's host:port (never the URL: a webhook URL carries its secret). */
    constructor(code, status, target = '') {
        super(`Bitrix24 transport failed: ${status ?? code ?? 'unknown'}`);
        this.code = code;
        this.status = status;
        this.target = target;
    }
}
function numberOrNull(v) {
    return typeof v === 'number' ? v : (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
}
function toReply(method, status, data) {
    const body = (data && typeof data === 'object' ? data : {});
    if (status === 200 && 'result' in body) {
        return { ok: true, result: body['result'], total: numberOrNull(body['total']), next: numberOrNull(body['next']), body };
    }
    if (typeof body['error'] === 'string') {
        const description = typeof body['error_description'] === 'string' ? body['error_description'] : '';
        return { ok: false, failure: { method, code: body['error'], description, status } };
    }
    return null;
}
/** HTTP to one portal, by inbound webhook or by OAuth; JSON bodies. Never logs URLs or bodies. */
export class Bitrix24Transport {
    b24;
    mode;
    http;
    oauth;
    constructor(b24, deps) {
        this.b24 = b24;
        this.mode = b24.auth.kind;
        this.http = axios.create({ timeout: b24.requestTimeoutMs, validateStatus: () => true, maxBodyLength: Infinity, maxContentLength: Infinity });
        this.oauth = b24.auth.kind === 'oauth'
            ? new OAuthSession(b24.auth, { ...deps, timeoutMs: b24.requestTimeoutMs })
            : null;
    }
    async send(method, params) {
        const { url, body, accessToken } = await this.target(method, params);
        let res;
        try {
            res = await this.http.post(url, body, { headers: { 'content-type': 'application/json' } });
        }
        catch (err) {
            const e = err;
            throw new TransportError(e.code, e.response?.status, hostPortOf(url));
        }
        const reply = toReply(method, res.status, res.data);
        if (!reply)
            throw new TransportError(undefined, res.status);
        return { reply, accessToken };
    }
    /** Gets a new access token after `expired_token`; throws PermanentError when the refresh token is dead. */
    async refreshAfterExpiry(usedToken) {
        if (this.oauth)
            await this.oauth.refresh(usedToken ?? '');
    }
    /** Secrets to scrub from any message: the configured ones plus the current OAuth tokens. */
    secrets() {
        return [...this.b24.secrets, ...(this.oauth?.secrets() ?? [])];
    }
    async target(method, params) {
        if (this.b24.auth.kind === 'webhook' || !this.oauth) {
            const base = this.b24.auth.kind === 'webhook' ? this.b24.auth.baseUrl : '';
            return { url: `${base}${method}`, body: params, accessToken: null };
        }
        const tokens = await this.oauth.current();
        return { url: `${tokens.restUrl}${method}`, body: { ...params, auth: tokens.accessToken }, accessToken: tokens.accessToken };
    }
}
