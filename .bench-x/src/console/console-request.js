function header(req, name) {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
/** Whether the browser reached us over TLS: our own socket, or the trusted proxy's X-Forwarded-Proto. */
export function cameOverTls(req, trustProxy) {
    if (req.raw.socket.encrypted === true)
        return true;
    return trustProxy && (header(req, 'x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase() === 'https';
}
/** The client's address: the socket's, or the last one the trusted proxy appended to X-Forwarded-For. */
export function clientAddress(req, trustProxy) {
    const forwarded = trustProxy ? header(req, 'x-forwarded-for') : undefined;
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    return last ?? req.socket.remoteAddress ?? 'unknown';
}
/** The page's own origin as the browser sees it. */
function ownOrigin(req, trustProxy) {
    const host = (trustProxy ? header(req, 'x-forwarded-host') : undefined) ?? header(req, 'host');
    if (!host)
        return null;
    return `${cameOverTls(req, trustProxy) ? 'https' : 'http'}://${host.split(',')[0]?.trim() ?? host}`;
}
/** A state-changing request must come from our own page: its Origin (every browser sends one on a POST) is ours. */
export function sameOrigin(req, trustProxy) {
    const origin = header(req, 'origin');
    const own = ownOrigin(req, trustProxy);
    return origin !== undefined && own !== null && origin.toLowerCase() === own.toLowerCase();
}
export function sessionCookie(id, maxAgeSec, secure) {
    return `pcb_console=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;
}
export function clearedCookie(secure) {
    return `pcb_console=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
