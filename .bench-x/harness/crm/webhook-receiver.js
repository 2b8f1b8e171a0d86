import { createServer } from 'node:http';
import { verifyWebhook } from '../../src/crm/webhook/webhook-signature.js';
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
class ReceiverCrm {
    entities = [];
    cards = new Map();
    users;
    constructor(users) { this.users = users; }
    handle(type, data) {
        const s = (k) => (typeof data[k] === 'string' ? String(data[k]) : null);
        if (type === 'contact.lookup')
            return this.lookup(s('phone'));
        if (type === 'entity.create')
            return this.create(data);
        if (type === 'responsible.lookup') {
            const e = this.byPhone(s('phone'));
            if (!e?.responsible)
                return { status: 404, body: null };
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
        if (type === 'call.card')
            this.card(s('callId') ?? '', s('action'), data['extensions']);
        if (type === 'call.responsible')
            this.responsible(data['entity'], s('extension'));
        return { status: 200, body: { ok: true } };
    }
    byPhone(phone) {
        return this.entities.find((e) => e.phone === phone && e.kind === 'contact') ?? this.entities.find((e) => e.phone === phone);
    }
    lookup(phone) {
        const e = this.byPhone(phone);
        if (!e)
            return { status: 200, body: { found: false } };
        const openWork = this.entities.filter((w) => w.contactId === e.id && (w.kind === 'deal' || w.kind === 'lead')).map((w) => ({ kind: w.kind, id: w.id }));
        return { status: 200, body: { found: true, entity: { kind: e.kind, id: e.id }, name: e.title, responsibleExtension: e.responsible, openWork } };
    }
    create(data) {
        const contact = data['contact'];
        const e = {
            kind: String(data['kind']), id: String(this.entities.length + 100), phone: String(data['phone']), title: String(data['title']),
            responsible: typeof data['responsibleExtension'] === 'string' ? data['responsibleExtension'] : null, contactId: contact?.id ?? null,
        };
        this.entities.push(e);
        return { status: 201, body: { entity: { kind: e.kind, id: e.id } } };
    }
    card(callId, action, extensions) {
        const set = this.cards.get(callId) ?? new Set();
        for (const ext of Array.isArray(extensions) ? extensions.map(String) : []) {
            if (action === 'show')
                set.add(ext);
            else
                set.delete(ext);
        }
        this.cards.set(callId, set);
    }
    responsible(entity, extension) {
        const id = entity && typeof entity === 'object' && 'id' in entity ? String(entity.id) : null;
        const e = this.entities.find((x) => x.id === id);
        if (e && extension)
            e.responsible = extension;
    }
}
export async function startWebhookReceiver(opts) {
    const deliveries = [];
    const replies = new Map();
    const crm = new ReceiverCrm(opts.users ?? {});
    const faults = [];
    let secret = opts.secret;
    const send = (res, r) => {
        res.writeHead(r.status, { 'Content-Type': 'application/json', ...r.headers });
        res.end(r.body === null ? '' : JSON.stringify(r.body));
    };
    const server = createServer((req, res) => {
        void readBody(req).then((body) => {
            const fault = faults.shift();
            if (fault)
                return send(res, fault);
            const check = verifyWebhook(secret, { timestamp: req.headers['x-pcb-timestamp'], signature: req.headers['x-pcb-signature'], body }, Math.floor(Date.now() / 1000));
            if (!check.ok)
                return send(res, { status: 401, body: { error: `signature ${check.reason}` } });
            const ev = JSON.parse(body);
            const before = replies.get(ev.id);
            deliveries.push({ type: ev.type, id: ev.id, data: ev.data, duplicate: before !== undefined });
            const reply = before ?? crm.handle(ev.type, ev.data);
            if (reply.status < 300)
                replies.set(ev.id, reply);
            return send(res, reply);
        });
    });
    await new Promise((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}${opts.path ?? '/pbx-events'}`, deliveries,
        applied: (type, callId) => deliveries.filter((d) => !d.duplicate && d.type === type && d.data['callId'] === callId),
        cardsShown: (callId) => [...(crm.cards.get(callId) ?? [])].sort(),
        breakAuth: (broken) => { secret = broken ? `${opts.secret}-rotated` : opts.secret; },
        failNext: (reply) => { faults.push(reply); },
        close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}
