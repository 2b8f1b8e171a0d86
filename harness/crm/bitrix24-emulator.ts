import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePhpQuery } from './bitrix24-emulator-form.js';
import { runBatch } from './bitrix24-emulator-batch.js';
import { runMethod, type MethodResult } from './bitrix24-emulator-crm.js';
import { EmulatorOAuth } from './bitrix24-emulator-oauth.js';
import { EmulatorState, type EmuUser } from './bitrix24-emulator-state.js';
import { EmuError } from './bitrix24-emulator-telephony.js';

/**
 * A Bitrix24 portal on 127.0.0.1 for integration tests and the bench (docs/bitrix24-telephony.md §7): both URL forms,
 * JSON or PHP-form bodies, the per-portal leaky bucket (503 QUERY_LIMIT_EXCEEDED), batch, OAuth expiry and refresh
 * through an oauth.bitrix.info stub, insufficient_scope, and the telephony/CRM/user methods the adapter calls.
 */
export interface Bitrix24EmulatorOptions {
  readonly ratePerSec?: number;
  readonly burst?: number;
  readonly webhook?: { readonly userId: string; readonly secret: string };
  readonly oauth?: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string; readonly accessToken?: string };
  readonly missingScopes?: readonly string[];
  readonly users?: ReadonlyArray<Pick<EmuUser, 'ID' | 'UF_PHONE_INNER'> & Partial<EmuUser>>;
  /** Simulated server time per HTTP request. */
  readonly processingMs?: number;
}

export interface Failure { readonly status: number; readonly error: string; readonly description: string }

export interface EmulatorStats {
  requests: number; commands: number; rejected: number;
  /** Every request: the methods it carried (one, or the batch's commands). */
  readonly log: Array<{ readonly methods: readonly string[]; readonly status: number }>;
}

const SCOPES: ReadonlyArray<readonly [string, string]> = [['telephony.', 'telephony'], ['crm.', 'crm'], ['user.', 'user'], ['im.', 'im']];
const LIMIT: Failure = { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' };
const NO_SCOPE = 'The request requires higher privileges than provided by the webhook token';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const query = parsePhpQuery(new URL(req.url ?? '/', 'http://x').search.slice(1));
  if (!text) return query;
  const body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) as Record<string, unknown> : parsePhpQuery(text);
  return { ...query, ...body };
}

export class Bitrix24Emulator {
  readonly state = new EmulatorState();
  readonly stats: EmulatorStats = { requests: 0, commands: 0, rejected: 0, log: [] };
  readonly oauth: EmulatorOAuth;
  url = '';
  private readonly server: Server = createServer();
  private readonly webhook: { readonly userId: string; readonly secret: string };
  private readonly faults = new Map<string, { failure: Failure; times: number }>();
  private level = 0;
  private levelAtMs = Date.now();
  private authBroken = false;

  constructor(private readonly options: Bitrix24EmulatorOptions) {
    this.webhook = options.webhook ?? { userId: '1', secret: 'emuhooksecret42' };
    this.oauth = new EmulatorOAuth(options.oauth);
    this.state.users = (options.users ?? []).map((u) => ({ ACTIVE: true, NAME: `User ${u.ID}`, LAST_NAME: '', ...u }));
  }

  get webhookUrl(): string { return `${this.url}/rest/${this.webhook.userId}/${this.webhook.secret}/`; }
  get portalUrl(): string { return this.url; }
  get oauthUrl(): string { return `${this.url}/oauth/token/`; }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.server.on('request', (req, res) => {
      this.handle(req, res).catch(() => { if (!res.headersSent) send(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' }); });
    });
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => { this.server.closeAllConnections(); this.server.close(() => resolve()); });
  }

  /** Every OAuth access token expires now (the next call gets 401 expired_token). */
  expireAccessTokens(): void { this.oauth.expiresAtMs = 0; }

  /** While on, every request is refused as a wrong webhook secret / unknown token would be. */
  breakAuth(on: boolean): void { this.authBroken = on; }

  /** Another app on the same portal used `n` requests of the bucket. */
  consume(n: number): void { this.overLimit(); this.level += n - 1; }

  /** The next `times` calls of `method` ('*' = any HTTP request) fail with this body. */
  failNext(method: string, failure: Failure, times = 1): void { this.faults.set(method.toLowerCase(), { failure, times }); }

  private takeFault(method: string): Failure | null {
    const f = this.faults.get(method);
    if (!f || f.times <= 0) return null;
    f.times -= 1;
    return f.failure;
  }

  /** Leaky bucket per portal (doc §5): every request adds 1, it drains `ratePerSec`; above `burst` the next gets 503. */
  private overLimit(): boolean {
    const now = Date.now();
    this.level = Math.max(0, this.level - ((now - this.levelAtMs) / 1000) * (this.options.ratePerSec ?? 2));
    this.levelAtMs = now;
    const blocked = this.level > (this.options.burst ?? 50);
    this.level += 1;
    return blocked;
  }

  private run(method: string, params: Record<string, unknown>): MethodResult {
    this.stats.commands += 1;
    const scope = SCOPES.find(([prefix]) => method.startsWith(prefix))?.[1];
    if (scope && (this.options.missingScopes ?? []).includes(scope)) throw new EmuError('insufficient_scope', NO_SCOPE, 403);
    const f = this.takeFault(method);
    if (f) throw new EmuError(f.error, f.description, f.status);
    return runMethod(this.state, method, params, Date.now());
  }

  private authFailure(path: string[], params: Record<string, unknown>): Failure | null {
    if (path.length === 3) {
      return path[0] === this.webhook.userId && path[1] === this.webhook.secret && !this.authBroken ? null
        : { status: 401, error: 'INVALID_CREDENTIALS', description: 'Invalid request credentials' };
    }
    if (this.authBroken) return { status: 401, error: 'NO_AUTH_FOUND', description: 'Wrong authorization data' };
    return this.oauth.check(typeof params['auth'] === 'string' ? params['auth'] : '');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).split('/').filter(Boolean);
    if (path[0] === 'oauth' && path[1] === 'token') { const [status, body] = this.oauth.token(url.searchParams, this.url); send(res, status, body); return; }
    if (path[0] !== 'rest' || (path.length !== 2 && path.length !== 4)) { send(res, 404, { error: 'NOT_FOUND', error_description: 'Not found' }); return; }
    const params = await readBody(req);
    const method = (path[path.length - 1] ?? '').toLowerCase().replace(/\.json$/, '');
    this.stats.requests += 1;
    if (this.options.processingMs) await new Promise((r) => setTimeout(r, this.options.processingMs));
    const reply = (status: number, body: unknown, methods: string[]) => { this.stats.log.push({ methods, status }); send(res, status, body); };
    if (this.overLimit()) { this.stats.rejected += 1; reply(LIMIT.status, { error: LIMIT.error, error_description: LIMIT.description }, [method]); return; }
    const fail = this.authFailure(path.slice(1), params) ?? this.takeFault('*');
    if (fail) { reply(fail.status, { error: fail.error, error_description: fail.description }, [method]); return; }
    const [status, body, methods] = this.execute(method, params);
    reply(status, body, methods);
  }

  private execute(method: string, params: Record<string, unknown>): [number, unknown, string[]] {
    const time = { start: Date.now() / 1000, operating: 0, operating_reset_at: Math.floor(Date.now() / 1000) + 600 };
    if (method === 'batch') {
      const names: string[] = [];
      const result = runBatch(params, (m, p) => { names.push(m); return this.run(m, p); }, () => Date.now() / 1000);
      return [200, { result, time }, names];
    }
    try {
      const r = this.run(method, params);
      const page = { ...(r.total === undefined ? {} : { total: r.total }), ...(r.next === undefined ? {} : { next: r.next }) };
      return [200, { result: r.result, ...page, time }, [method]];
    } catch (err) {
      const e = err instanceof EmuError ? err : new EmuError('INTERNAL_SERVER_ERROR', 'Internal server error', 500);
      return [e.status, { error: e.code, error_description: e.description }, [method]];
    }
  }
}

/** Starts an emulator on a free port of 127.0.0.1; the caller closes it. */
export async function startBitrix24Emulator(options: Bitrix24EmulatorOptions = {}): Promise<Bitrix24Emulator> {
  const emu = new Bitrix24Emulator(options);
  await emu.listen();
  return emu;
}
