import { createHash } from 'node:crypto';
import axios from 'axios';
import { PermanentError, RetryableError } from '../../errors.js';
const REFRESH_MARGIN_MS = 60_000;
const LOCK_TTL_MS = 15_000;
const WAIT_STEP_MS = 100;
/**
 * OAuth tokens of a Bitrix24 local application. The refresh token is replaced on every refresh, so the current
 * pair lives in Redis (shared by every instance) and one instance at a time refreshes, under a Redis lock.
 */
export class OAuthSession {
    settings;
    deps;
    tokens = null;
    refreshing = null;
    key;
    seed;
    constructor(settings, deps) {
        this.settings = settings;
        this.deps = deps;
        this.key = `${deps.keyPrefix}:b24:oauth`;
        this.seed = createHash('sha256').update(settings.refreshToken).digest('hex').slice(0, 16);
    }
    /** The tokens to use now (refreshed first when missing or about to expire). */
    async current() {
        const tokens = this.tokens ?? await this.load();
        if (tokens.accessToken && tokens.expiresAtMs - REFRESH_MARGIN_MS > Date.now())
            return tokens;
        return this.refresh(tokens.accessToken);
    }
    /** The portal said `expired_token` for `usedToken`: get a fresh one (once, however many requests saw it). */
    async refresh(usedToken) {
        this.refreshing ??= this.refreshOnce(usedToken).finally(() => { this.refreshing = null; });
        return this.refreshing;
    }
    /** Secret values currently in use, for scrubbing messages. */
    secrets() {
        return this.tokens ? [this.tokens.accessToken, this.tokens.refreshToken].filter((s) => s.length >= 4) : [];
    }
    async load() {
        const stored = await this.deps.redis.hgetall(this.key);
        if (stored['seed'] === this.seed && stored['refreshToken']) {
            this.tokens = {
                accessToken: stored['accessToken'] ?? '', refreshToken: stored['refreshToken'],
                expiresAtMs: Number(stored['expiresAtMs'] ?? 0), restUrl: stored['restUrl'] || this.settings.restUrl,
            };
        }
        else {
            const access = this.settings.accessToken ?? '';
            const expiresAtMs = access ? Date.now() + 3_000_000 : 0;
            this.tokens = { accessToken: access, refreshToken: this.settings.refreshToken, expiresAtMs, restUrl: this.settings.restUrl };
            await this.store(this.tokens);
        }
        return this.tokens;
    }
    async refreshOnce(usedToken) {
        const lockKey = `${this.key}:lock`;
        const deadlineMs = Date.now() + LOCK_TTL_MS;
        while (Date.now() < deadlineMs) {
            const latest = await this.load();
            if (latest.accessToken && latest.accessToken !== usedToken && latest.expiresAtMs - REFRESH_MARGIN_MS > Date.now())
                return latest;
            if (await this.deps.redis.set(lockKey, '1', 'PX', LOCK_TTL_MS, 'NX')) {
                try {
                    return await this.exchange(latest.refreshToken);
                }
                finally {
                    await this.deps.redis.del(lockKey);
                }
            }
            await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
        }
        throw new RetryableError('Bitrix24 oauth/token failed (LOCKED): another instance is refreshing the token; retried in 1 s', 1000);
    }
    async exchange(refreshToken) {
        const params = {
            grant_type: 'refresh_token', client_id: this.settings.clientId,
            client_secret: this.settings.clientSecret, refresh_token: refreshToken,
        };
        const res = await axios.get(this.settings.oauthUrl, { params, timeout: this.deps.timeoutMs, validateStatus: () => true })
            .catch((err) => { throw new RetryableError(`Bitrix24 oauth/token failed (${err.code ?? 'network error'}): retried later (check BITRIX24_OAUTH_URL and this host's network)`); });
        const body = (res.data ?? {});
        if (res.status >= 500)
            throw new RetryableError(`Bitrix24 oauth/token failed (HTTP ${res.status}): the OAuth server is failing; retried later`);
        if (typeof body['access_token'] !== 'string' || typeof body['refresh_token'] !== 'string') {
            const code = typeof body['error'] === 'string' ? body['error'] : `HTTP ${res.status}`;
            throw new PermanentError(`Bitrix24 oauth/token failed (${code}): check BITRIX24_CLIENT_ID and BITRIX24_CLIENT_SECRET, and set a fresh BITRIX24_REFRESH_TOKEN (reinstall the local application) if the refresh token expired`);
        }
        const endpoint = typeof body['client_endpoint'] === 'string' && body['client_endpoint'] ? body['client_endpoint'] : this.settings.restUrl;
        const tokens = {
            accessToken: body['access_token'], refreshToken: body['refresh_token'],
            expiresAtMs: Date.now() + Number(body['expires_in'] ?? 3600) * 1000, restUrl: endpoint,
        };
        await this.store(tokens);
        this.tokens = tokens;
        this.deps.log.info({ expiresInSec: Number(body['expires_in'] ?? 3600) }, 'bitrix24 oauth token refreshed');
        return tokens;
    }
    async store(t) {
        await this.deps.redis.hset(this.key, {
            seed: this.seed, accessToken: t.accessToken, refreshToken: t.refreshToken,
            expiresAtMs: String(t.expiresAtMs), restUrl: t.restUrl,
        });
    }
}
