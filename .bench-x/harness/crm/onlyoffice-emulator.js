import { createServer } from 'node:http';
import { HISTORY_CATEGORIES, OnlyofficeEmulatorState, TASK_CATEGORIES } from './onlyoffice-emulator-state.js';
/** The portal user our token or login belongs to (people/@self). */
export const EMU_SELF_USER_ID = '99999999-aaaa-4bbb-8ccc-dddddddddd01';
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve(text ? JSON.parse(text) : {});
        });
        req.on('error', reject);
    });
}
function envelope(res, r, headers = {}) {
    const body = r.error === undefined
        ? { count: Array.isArray(r.response) ? r.response.length : 1, status: 0, statusCode: r.status, response: r.response }
        : { status: 1, statusCode: r.status, error: { message: r.error } };
    res.writeHead(r.status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
}
function route(s, method, path, query, body) {
    const m = (re) => re.exec(path);
    let hit;
    if (method === 'GET' && path === 'crm/contact/bycontactinfo')
        return s.findByContactInfo(query);
    if (method === 'GET' && (hit = m(/^crm\/contact\/(\d+)\/data$/)))
        return s.contactData(Number(hit[1]));
    if (method === 'GET' && (hit = m(/^crm\/contact\/(\d+)\/tag$/)))
        return s.contactTags(Number(hit[1]));
    if (method === 'POST' && path === 'crm/contact/person')
        return s.createPerson(body);
    if (method === 'POST' && (hit = m(/^crm\/contact\/(\d+)\/data$/)))
        return s.addContactInfo(Number(hit[1]), body);
    if (method === 'GET' && path === 'crm/history/category')
        return { status: 200, response: HISTORY_CATEGORIES };
    if (method === 'GET' && path === 'crm/task/category')
        return { status: 200, response: TASK_CATEGORIES };
    if (method === 'GET' && path === 'people/@self')
        return { status: 200, response: { id: EMU_SELF_USER_ID, displayName: 'CRM bridge' } };
    if (method === 'POST' && path === 'crm/history')
        return s.addHistory(body);
    if (method === 'POST' && path === 'crm/task')
        return s.addTask(body);
    if (method === 'PUT' && (hit = m(/^crm\/task\/(\d+)\/close$/)))
        return s.closeTask(Number(hit[1]));
    if (method === 'POST' && path === 'crm/opportunity')
        return s.addOpportunity(body);
    if (method === 'POST' && (hit = m(/^crm\/voip\/call\/([^/]+)$/)))
        return s.saveVoipCall(decodeURIComponent(hit[1] ?? ''), body);
    return { status: 404, error: 'Method not found' };
}
/** An ONLYOFFICE Workspace portal on 127.0.0.1 with the envelope, raw-token auth and login of docs/onlyoffice-crm.md §1. */
export async function startOnlyofficeEmulator(opts = {}) {
    const state = new OnlyofficeEmulatorState();
    const requests = [];
    const faults = [];
    let token = opts.token ?? 'emu-token-7f3a9c21';
    let broken = false;
    const server = createServer((req, res) => {
        void readBody(req).then((body) => {
            const url = new URL(req.url ?? '/', 'http://emu');
            const path = url.pathname.replace(/^\/api\/2\.0\//, '').replace(/\.json$/, '');
            requests.push({ method: req.method ?? '', path, query: url.search, body });
            const fault = faults.shift();
            if (fault)
                return envelope(res, { status: fault.status, error: 'fault' }, fault.headers);
            if (req.method === 'POST' && path === 'authentication') {
                const ok = opts.user && body['userName'] === opts.user.userName && body['password'] === opts.user.password;
                if (!ok || broken)
                    return envelope(res, { status: 401, error: 'User authentication failed' });
                token = `emu-login-${requests.length}`;
                return envelope(res, { status: 201, response: { token, expires: new Date(Date.now() + 3_600_000).toISOString() } });
            }
            if (broken || req.headers.authorization !== token)
                return envelope(res, { status: 401, error: 'Access denied' });
            return envelope(res, route(state, req.method ?? '', path, url.searchParams, body));
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`, get token() { return token; }, state, requests,
        breakAuth: (b) => { broken = b; },
        failNext: (f) => { faults.push(f); },
        close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}
