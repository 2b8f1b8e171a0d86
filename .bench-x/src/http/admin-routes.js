import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { bearerAdmin, AdminSessions } from './admin-session.js';
import { AuthError, recordAuthFailure } from './auth-error.js';
import { secretsEqual } from './bearer-auth.js';
import { errorBody } from './http-error.js';
import { loginPage } from './admin-login-page.js';
export const ADMIN_QUEUES_PATH = '/admin/queues';
export const ADMIN_LOGIN_PATH = '/admin/login';
export const ADMIN_LOGOUT_PATH = '/admin/logout';
function boardQueue(q) {
    return 'tenant' in q ? new BullMQAdapter(q.queue, { prefix: `${q.tenant}: `, displayName: `${q.tenant}: ${q.queue.name}` }) : new BullMQAdapter(q);
}
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
function sendPage(reply, status, html) {
    return reply.code(status).header('content-security-policy', HTML_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}
/** Refuses a request no authenticator allows: 401, as the login page for a browser, as the error body for a script. */
function guard(authenticators, record) {
    return async (req, reply) => {
        for (const a of authenticators)
            if (await a.allows(req))
                return;
        record(new AuthError('no_admin_session', 'log in at /admin/login, or send Authorization: Bearer <API_TOKEN>'), req);
        if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
            await sendPage(reply, 401, loginPage(null));
            return;
        }
        await reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('unauthorized', 'log in at /admin/login, or send Authorization: Bearer <API_TOKEN>'));
    };
}
/**
 * The queue dashboard (bull-board) at /admin/queues, its API under /admin/queues/api. A browser logs in once at
 * /admin/login with the API token and gets an HttpOnly, SameSite=Strict session cookie for /admin; scripts send the
 * bearer token. The login and logout routes are public (they hold no data); the login is logged and counted when refused.
 */
export function adminRoutes(deps) {
    const sessions = new AdminSessions(deps.apiToken);
    const log = deps.log.child({ component: 'admin' });
    const record = recordAuthFailure(deps.log.child({ component: 'http' }), deps.authFailures);
    const authenticators = [bearerAdmin(deps.apiToken), sessions, ...(deps.authenticators ?? [])];
    return async (app) => {
        await app.register(async (pub) => {
            pub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
                done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
            });
            const hidden = { schema: { hide: true }, config: { auth: 'public' } };
            pub.get(ADMIN_LOGIN_PATH, hidden, async (_req, reply) => sendPage(reply, 200, loginPage(null)));
            pub.post(ADMIN_LOGIN_PATH, hidden, async (req, reply) => {
                const given = typeof req.body === 'object' && req.body !== null ? req.body['token'] ?? '' : '';
                if (!given || !secretsEqual(given, deps.apiToken)) {
                    record(new AuthError('wrong_token', 'dashboard login refused'), req);
                    return sendPage(reply, 401, loginPage('That is not the API token.'));
                }
                log.info({ reqId: req.id, ip: req.ip }, 'dashboard login');
                return reply.code(303).header('set-cookie', sessions.setCookie(req)).header('location', `${ADMIN_QUEUES_PATH}/`).send();
            });
            pub.post(ADMIN_LOGOUT_PATH, hidden, async (req, reply) => reply.code(303)
                .header('set-cookie', AdminSessions.clearCookie(req)).header('location', ADMIN_LOGIN_PATH).send());
        });
        await app.register(async (admin) => {
            admin.addHook('onRoute', (route) => { route.config = { ...route.config, auth: 'admin' }; });
            admin.addHook('onRequest', guard(authenticators, record));
            const board = new FastifyAdapter();
            board.setBasePath(ADMIN_QUEUES_PATH);
            // @bull-board/fastify 9.10.1 ships its own @bull-board/api 9.10.1 beside ours (9.10.2): the same adapter
            // interface, declared twice (npm dedupe once both are at one version removes this conversion)
            const serverAdapter = board;
            const created = createBullBoard({ queues: deps.queues.map(boardQueue), serverAdapter, options: { uiConfig: { boardTitle: 'pbx-crm-bridge' } } });
            deps.onBoard?.((queues) => created.replaceQueues(queues.map(boardQueue)));
            await admin.register(board.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
        });
    };
}
