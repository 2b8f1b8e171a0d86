import axios, { type AxiosInstance } from 'axios';
import type { RedisClient } from '../../net/redis-client.js';
import type { Bitrix24Config } from './bitrix24-env.js';
import type { Logger } from '../../log.js';
import type { AuthMode, Bitrix24Failure } from './bitrix24-errors.js';
import { OAuthSession } from './oauth-session.js';
import { hostPortOf } from '../../net/network-failure.js';

/** One Bitrix24 reply: the success envelope, or the error body with its HTTP status. */
export type Bitrix24Reply =
  | { readonly ok: true; readonly result: unknown; readonly total: number | null; readonly next: number | null; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly failure: Bitrix24Failure };

/** What was sent, so an `expired_token` can say which access token expired. */
export interface SentRequest {
  readonly reply: Bitrix24Reply;
  readonly accessToken: string | null;
}

/** The request could not be completed (no HTTP answer): the caller cannot know whether Bitrix24 ran it. */
export class TransportError extends Error {
  override name = 'TransportError';
  /** `target`: the portal's host:port (never the URL: a webhook URL carries its secret). */
  constructor(readonly code: string | undefined, readonly status: number | undefined, readonly target = '') {
    super(`Bitrix24 transport failed: ${status ?? code ?? 'unknown'}`);
  }
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
}

function toReply(method: string, status: number, data: unknown): Bitrix24Reply | null {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
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
  readonly mode: AuthMode;
  private readonly http: AxiosInstance;
  private readonly oauth: OAuthSession | null;

  constructor(private readonly b24: Bitrix24Config, deps: { redis: RedisClient; keyPrefix: string; log: Logger }) {
    this.mode = b24.auth.kind;
    this.http = axios.create({ timeout: b24.requestTimeoutMs, validateStatus: () => true, maxBodyLength: Infinity, maxContentLength: Infinity });
    this.oauth = b24.auth.kind === 'oauth'
      ? new OAuthSession(b24.auth, { ...deps, timeoutMs: b24.requestTimeoutMs })
      : null;
  }

  async send(method: string, params: Record<string, unknown>): Promise<SentRequest> {
    const { url, body, accessToken } = await this.target(method, params);
    let res;
    try {
      res = await this.http.post(url, body, { headers: { 'content-type': 'application/json' } });
    } catch (err) {
      const e = err as { code?: string; response?: { status?: number } };
      throw new TransportError(e.code, e.response?.status, hostPortOf(url));
    }
    const reply = toReply(method, res.status, res.data);
    if (!reply) throw new TransportError(undefined, res.status);
    return { reply, accessToken };
  }

  /** Gets a new access token after `expired_token`; throws PermanentError when the refresh token is dead. */
  async refreshAfterExpiry(usedToken: string | null): Promise<void> {
    if (this.oauth) await this.oauth.refresh(usedToken ?? '');
  }

  /** Secrets to scrub from any message: the configured ones plus the current OAuth tokens. */
  secrets(): string[] {
    return [...this.b24.secrets, ...(this.oauth?.secrets() ?? [])];
  }

  private async target(method: string, params: Record<string, unknown>) {
    if (this.b24.auth.kind === 'webhook' || !this.oauth) {
      const base = this.b24.auth.kind === 'webhook' ? this.b24.auth.baseUrl : '';
      return { url: `${base}${method}`, body: params, accessToken: null };
    }
    const tokens = await this.oauth.current();
    return { url: `${tokens.restUrl}${method}`, body: { ...params, auth: tokens.accessToken }, accessToken: tokens.accessToken };
  }
}
