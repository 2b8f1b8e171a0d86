import { randomBytes } from 'node:crypto';
/** The emulator's OAuth side: one valid access token at a time, refresh tokens that rotate, an oauth.bitrix.info stub. */
export class EmulatorOAuth {
    client;
    accessToken;
    refreshToken;
    expiresAtMs = Date.now() + 3600_000;
    refreshes = 0;
    constructor(client) {
        this.client = client;
        this.accessToken = client?.accessToken ?? randomBytes(12).toString('hex');
        this.refreshToken = client?.refreshToken ?? '';
    }
    /** Checks `auth=` of a `/rest/<method>` call. */
    check(token) {
        if (!this.client || token !== this.accessToken)
            return { status: 401, error: 'NO_AUTH_FOUND', description: 'Wrong authorization data' };
        if (Date.now() >= this.expiresAtMs)
            return { status: 401, error: 'expired_token', description: 'The access token provided has expired' };
        return null;
    }
    /** GET /oauth/token/?grant_type=refresh_token&client_id&client_secret&refresh_token → [status, body]. */
    token(q, base) {
        if (!this.client || q.get('client_id') !== this.client.clientId || q.get('client_secret') !== this.client.clientSecret) {
            return [401, { error: 'invalid_client', error_description: 'Invalid client' }];
        }
        if (q.get('grant_type') !== 'refresh_token' || q.get('refresh_token') !== this.refreshToken) {
            return [400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }];
        }
        this.accessToken = randomBytes(12).toString('hex');
        this.refreshToken = randomBytes(12).toString('hex');
        this.expiresAtMs = Date.now() + 3600_000;
        this.refreshes += 1;
        return [200, {
                access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: 3600, client_endpoint: `${base}/rest/`,
                server_endpoint: `${base}/oauth/rest/`, domain: '127.0.0.1', member_id: 'emu', scope: 'app', status: 'L',
            }];
    }
}
