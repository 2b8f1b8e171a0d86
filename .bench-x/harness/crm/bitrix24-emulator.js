import { createServer } from 'node:http';
import { parsePhpQuery } from './bitrix24-emulator-form.js';
import { runBatch } from './bitrix24-emulator-batch.js';
import { runMethod } from './bitrix24-emulator-crm.js';
import { EmulatorOAuth } from './bitrix24-emulator-oauth.js';
import { EmulatorState } from './bitrix24-emulator-state.js';
import { EmuError } from './bitrix24-emulator-telephony.js';
const SCOPES = [['telephony.', 'telephony'], ['crm.', 'crm'], ['user.', 'user'], ['im.', 'im']];
const LIMIT = { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' };
const NO_SCOPE = 'The request requires higher privileges than provided by the webhook token';
function send(res, status, body) {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
async function readBody(req) {
    const chunks = [];
    for await (const c of req)
        chunks.push(c);
    const text = Buffer.concat(chunks).toString('utf8');
    const query = parsePhpQuery(new URL(req.url ?? '/', 'http://x').search.slice(1));
    if (!text)
        return query;
    const body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : parsePhpQuery(text);
    return { ...query, ...body };
}
export class Bitrix24Emulator {
    options;
    state = new EmulatorState();
    stats = { requests: 0, commands: 0, rejected: 0, log: [] };
    oauth;
    url = '';
    server = createServer();
    webhook;
    faults = new Map();
    level = 0;
    levelAtMs = Date.now();
    authBroken = false;
    constructor(options) {
        this.options = options;
        this.webhook = options.webhook ?? { userId: '1', secret: 'emuhooksecret42' };
        this.oauth = new EmulatorOAuth(options.oauth);
        this.state.users = (options.users ?? []).map((u) => ({ ACTIVE: true, NAME: `User ${u.ID}`, LAST_NAME: '', ...u }));
    }
    get webhookUrl() { return `${this.url}/rest/${this.webhook.userId}/${this.webhook.secret}/`; }
    get portalUrl() { return this.url; }
    get oauthUrl() { return `${this.url}/oauth/token/`; }
    async listen() {
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
        this.server.on('request', (req, res) => {
            this.handle(req, res).catch(() => { if (!res.headersSent)
                send(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' }); });
        });
    }
    close() {
        return new Promise((resolve) => { this.server.closeAllConnections(); this.server.close(() => resolve()); });
    }
    /** Every OAuth access token expires now (the next call gets 401 expired_token). */
    expireAccessTokens() { this.oauth.expiresAtMs = 0; }
    /** While on, every request is refused as a wrong webhook secret / unknown token would be. */
    breakAuth(on) { this.authBroken = on; }
    /** Another app on the same portal used `n` requests of the bucket. */
    consume(n) { this.overLimit(); this.level += n - 1; }
    /** The next `times` calls of `method` ('*' = any HTTP request) fail with this body. */
    failNext(method, failure, times = 1) { this.faults.set(method.toLowerCase(), { failure, times }); }
    takeFault(method) {
        const f = this.faults.get(method);
        if (!f || f.times <= 0)
            return null;
        f.times -= 1;
        return f.failure;
    }
    /** Leaky bucket per portal (doc §5): every request adds 1, it drains `ratePerSec`; above `burst` the next gets 503. */
    overLimit() {
        const now = Date.now();
        this.level = Math.max(0, this.level - ((now - this.levelAtMs) / 1000) * (this.options.ratePerSec ?? 2));
        this.levelAtMs = now;
        const blocked = this.level > (this.options.burst ?? 50);
        this.level += 1;
        return blocked;
    }
    run(method, params) {
        this.stats.commands += 1;
        const scope = SCOPES.find(([prefix]) => method.startsWith(prefix))?.[1];
        if (scope && (this.options.missingScopes ?? []).includes(scope))
            throw new EmuError('insufficient_scope', NO_SCOPE, 403);
        const f = this.takeFault(method);
        if (f)
            throw new EmuError(f.error, f.description, f.status);
        return runMethod(this.state, method, params, Date.now());
    }
    authFailure(path, params) {
        if (path.length === 3) {
            return path[0] === this.webhook.userId && path[1] === this.webhook.secret && !this.authBroken ? null
                : { status: 401, error: 'INVALID_CREDENTIALS', description: 'Invalid request credentials' };
        }
        if (this.authBroken)
            return { status: 401, error: 'NO_AUTH_FOUND', description: 'Wrong authorization data' };
        return this.oauth.check(typeof params['auth'] === 'string' ? params['auth'] : '');
    }
    async handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://x');
        const path = decodeURIComponent(url.pathname).split('/').filter(Boolean);
        if (path[0] === 'oauth' && path[1] === 'token') {
            const [status, body] = this.oauth.token(url.searchParams, this.url);
            send(res, status, body);
            return;
        }
        if (path[0] !== 'rest' || (path.length !== 2 && path.length !== 4)) {
            send(res, 404, { error: 'NOT_FOUND', error_description: 'Not found' });
            return;
        }
        const params = await readBody(req);
        const method = (path[path.length - 1] ?? '').toLowerCase().replace(/\.json$/, '');
        this.stats.requests += 1;
        if (this.options.processingMs)
            await new Promise((r) => setTimeout(r, this.options.processingMs));
        const reply = (status, body, methods) => { this.stats.log.push({ methods, status }); send(res, status, body); };
        if (this.overLimit()) {
            this.stats.rejected += 1;
            reply(LIMIT.status, { error: LIMIT.error, error_description: LIMIT.description }, [method]);
            return;
        }
        const fail = this.authFailure(path.slice(1), params) ?? this.takeFault('*');
        if (fail) {
            reply(fail.status, { error: fail.error, error_description: fail.description }, [method]);
            return;
        }
        const [status, body, methods] = this.execute(method, params);
        reply(status, body, methods);
    }
    execute(method, params) {
        const time = { start: Date.now() / 1000, operating: 0, operating_reset_at: Math.floor(Date.now() / 1000) + 600 };
        if (method === 'batch') {
            const names = [];
            const result = runBatch(params, (m, p) => { names.push(m); return this.run(m, p); }, () => Date.now() / 1000);
            return [200, { result, time }, names];
        }
        try {
            const r = this.run(method, params);
            const page = { ...(r.total === undefined ? {} : { total: r.total }), ...(r.next === undefined ? {} : { next: r.next }) };
            return [200, { result: r.result, ...page, time }, [method]];
        }
        catch (err) {
            const e = err instanceof EmuError ? err : new EmuError('INTERNAL_SERVER_ERROR', 'Internal server error', 500);
            return [e.status, { error: e.code, error_description: e.description }, [method]];
        }
    }
}
/** Starts an emulator on a free port of 127.0.0.1; the caller closes it. */
export async function startBitrix24Emulator(options = {}) {
    const emu = new Bitrix24Emulator(options);
    await emu.listen();
    return emu;
}
