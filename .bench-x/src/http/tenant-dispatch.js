import { createHash } from 'node:crypto';
import { bearerToken } from './bearer-auth.js';
import { errorBody } from './http-error.js';
/** The cookie that routes a browser's console requests to its tenant: no secret, the tenant's console checks the session. */
export const TENANT_COOKIE = 'pcb_tenant';
const TENANT_PATH = /^\/t\/([a-z0-9][a-z0-9_-]{0,31})(\/[^?]*)?(\?.*)?$/;
function tenantCookie(header) {
    if (!header)
        return null;
    for (const part of header.split(';')) {
        const [name, value] = part.trim().split('=');
        if (name === TENANT_COOKIE && value && /^[a-z0-9][a-z0-9_-]{0,31}$/.test(value))
            return value;
    }
    return null;
}
function refuse(res, status, code, message) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(errorBody(code, message)));
    return true;
}
/**
 * Sends each request of a deployment file's listener to the tenant it belongs to; the tenant's own app then decides
 * auth on its routed path, as a single daemon does (this only picks the app, it never lets anything in):
 * - `/t/<tenant>/…` goes to that tenant with the prefix cut (its CRM's event handler, its console's entry);
 *   `/t/<tenant>/console…` answers with a redirect to `/console…` and the routing cookie;
 * - a bearer token that belongs to a tenant goes to that tenant (a token of another tenant under `/t/<x>/` is 403);
 * - `/console…` goes to the tenant named by the routing cookie;
 * - anything else (health, ready, metrics, the admin dashboard, unknown tokens) to the process's own app.
 * Returns false when the process's app should answer.
 */
export function tenantDispatcher(directory) {
    const tokenTenant = (req) => {
        const read = bearerToken(req.headers.authorization);
        if ('problem' in read)
            return null;
        return directory.byTokenHash(createHash('sha256').update(read.token).digest('hex'));
    };
    return (req, res) => {
        const url = req.url ?? '/';
        const scoped = TENANT_PATH.exec(url);
        if (scoped?.[1]) {
            const id = scoped[1];
            const app = directory.app(id);
            if (!app)
                return false; // the process's app answers 404
            const owner = tokenTenant(req);
            if (owner !== null && owner !== id)
                return refuse(res, 403, 'wrong_tenant', 'this token belongs to another tenant');
            const rest = scoped[2] ?? '/';
            if (rest === '/console' || rest.startsWith('/console/')) {
                res.writeHead(302, {
                    location: `${rest}${scoped[3] ?? ''}`, 'cache-control': 'no-store',
                    'set-cookie': `${TENANT_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
                });
                res.end();
                return true;
            }
            req.url = `${rest}${scoped[3] ?? ''}`;
            app.routing(req, res);
            return true;
        }
        const owner = tokenTenant(req);
        const id = owner ?? (url === '/console' || url.startsWith('/console/') || url.startsWith('/console?') ? tenantCookie(req.headers.cookie) : null);
        const app = id === null ? null : directory.app(id);
        if (!app)
            return false;
        app.routing(req, res);
        return true;
    };
}
