import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/crm/webhook/webhook-signature.js';

export interface Delivery {
  readonly type: string;
  readonly id: string;
  readonly data: Record<string, unknown>;
  /** A delivery whose id was seen before: answered with the first reply, applied no second time. */
  readonly duplicate: boolean;
}

interface Entity { kind: string; id: string; phone: string; title: string; responsible: string | null; contactId: string | null }
interface Reply { status: number; body: unknown; headers?: Record<string, string> }

/**
 * A reference receiver of docs/webhook.md: verifies the signature and replay window, deduplicates by `id`
 * (a duplicate gets the first reply again), keeps a tiny CRM in memory, and records every delivery.
 */
export interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Applied (non-duplicate) deliveries of one type for one call id. */
  applied(type: string, callId: string): Delivery[];
  cardsShown(callId: string): string[];
  /** From now on verify with another secret (our signatures fail → 401). */
  breakAuth(broken: boolean): void;
  /** The next delivery gets this reply instead of being processed. */
  failNext(reply: Reply): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

class ReceiverCrm {
  readonly entities: Entity[] = [];
  readonly cards = new Map<string, Set<string>>();
  readonly users: Record<string, string>;
  constructor(users: Record<string, string>) { this.users = users; }

  handle(type: string, data: Record<string, unknown>): Reply {
    const s = (k: string) => (typeof data[k] === 'string' ? String(data[k]) : null);
    if (type === 'contact.lookup') return this.lookup(s('phone'));
    if (type === 'entity.create') return this.create(data);
    if (type === 'responsible.lookup') {
      const e = this.byPhone(s('phone'));
      if (!e?.responsible) return { status: 404, body: null };
      return { status: 200, body: { found: true, extension: e.responsible, userId: this.users[e.responsible] ?? null, name: null } };
    }
    if (type === 'user.lookup') {
      const ext = Object.entries(this.users).find(([, u]) => u === s('userId'))?.[0];
      return { status: 200, body: ext ? { found: true, extension: ext } : { found: false } };
    }
    if (type === 'call.registered') {
      this.card(s('callId') ?? '', 'show', data['showTo']);
      return { status: 200, body: { crmCallId: `R-${s('callId') ?? ''}` } };
    }
    if (type === 'call.card') this.card(s('callId') ?? '', s('action'), data['extensions']);
    if (type === 'call.responsible') this.responsible(data['entity'], s('extension'));
    return { status: 200, body: { ok: true } };
  }

  private byPhone(phone: string | null): Entity | undefined {
    return this.entities.find((e) => e.phone === phone && e.kind === 'contact') ?? this.entities.find((e) => e.phone === phone);
  }

  private lookup(phone: string | null): Reply {
    const e = this.byPhone(phone);
    if (!e) return { status: 200, body: { found: false } };
    const openWork = this.entities.filter((w) => w.contactId === e.id && (w.kind === 'deal' || w.kind === 'lead')).map((w) => ({ kind: w.kind, id: w.id }));
    return { status: 200, body: { found: true, entity: { kind: e.kind, id: e.id }, name: e.title, responsibleExtension: e.responsible, openWork } };
  }

  private create(data: Record<string, unknown>): Reply {
    const contact = data['contact'] as { id?: string } | null;
    const e: Entity = {
      kind: String(data['kind']), id: String(this.entities.length + 100), phone: String(data['phone']), title: String(data['title']),
      responsible: typeof data['responsibleExtension'] === 'string' ? data['responsibleExtension'] : null, contactId: contact?.id ?? null,
    };
    this.entities.push(e);
    return { status: 201, body: { entity: { kind: e.kind, id: e.id } } };
  }

  private card(callId: string, action: string | null, extensions: unknown): void {
    const set = this.cards.get(callId) ?? new Set<string>();
    for (const ext of Array.isArray(extensions) ? extensions.map(String) : []) {
      if (action === 'show') set.add(ext); else set.delete(ext);
    }
    this.cards.set(callId, set);
  }

  private responsible(entity: unknown, extension: string | null): void {
    const id = entity && typeof entity === 'object' && 'id' in entity ? String(entity.id) : null;
    const e = this.entities.find((x) => x.id === id);
    if (e && extension) e.responsible = extension;
  }
}

export async function startWebhookReceiver(opts: { secret: string; path?: string; users?: Record<string, string>; port?: number }): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const replies = new Map<string, Reply>();
  const crm = new ReceiverCrm(opts.users ?? {});
  const faults: Reply[] = [];
  let secret = opts.secret;
  const send = (res: ServerResponse, r: Reply) => {
    res.writeHead(r.status, { 'Content-Type': 'application/json', ...r.headers });
    res.end(r.body === null ? '' : JSON.stringify(r.body));
  };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const fault = faults.shift();
      if (fault) return send(res, fault);
      const check = verifyWebhook(secret, { timestamp: req.headers['x-pcb-timestamp'] as string | undefined, signature: req.headers['x-pcb-signature'] as string | undefined, body }, Math.floor(Date.now() / 1000));
      if (!check.ok) return send(res, { status: 401, body: { error: `signature ${check.reason}` } });
      const ev = JSON.parse(body) as { type: string; id: string; data: Record<string, unknown> };
      const before = replies.get(ev.id);
      deliveries.push({ type: ev.type, id: ev.id, data: ev.data, duplicate: before !== undefined });
      const reply = before ?? crm.handle(ev.type, ev.data);
      if (reply.status < 300) replies.set(ev.id, reply);
      return send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${opts.path ?? '/pbx-events'}`, deliveries,
    applied: (type, callId) => deliveries.filter((d) => !d.duplicate && d.type === type && d.data['callId'] === callId),
    cardsShown: (callId) => [...(crm.cards.get(callId) ?? [])].sort(),
    breakAuth: (broken) => { secret = broken ? `${opts.secret}-rotated` : opts.secret; },
    failNext: (reply) => { faults.push(reply); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
