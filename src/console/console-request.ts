import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Whether the browser reached us over TLS: our own socket, or the trusted proxy's X-Forwarded-Proto. */
export function cameOverTls(req: FastifyRequest, trustProxy: boolean): boolean {
  if ((req.raw.socket as Partial<TLSSocket>).encrypted === true) return true;
  return trustProxy && (header(req, 'x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The client's address: the socket's, or the last one the trusted proxy appended to X-Forwarded-For. */
export function clientAddress(req: FastifyRequest, trustProxy: boolean): string {
  const forwarded = trustProxy ? header(req, 'x-forwarded-for') : undefined;
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? req.socket.remoteAddress ?? 'unknown';
}

/** The page's own origin as the browser sees it. */
function ownOrigin(req: FastifyRequest, trustProxy: boolean): string | null {
  const host = (trustProxy ? header(req, 'x-forwarded-host') : undefined) ?? header(req, 'host');
  if (!host) return null;
  return `${cameOverTls(req, trustProxy) ? 'https' : 'http'}://${host.split(',')[0]?.trim() ?? host}`;
}

/** A state-changing request must come from our own page: its Origin (every browser sends one on a POST) is ours. */
export function sameOrigin(req: FastifyRequest, trustProxy: boolean): boolean {
  const origin = header(req, 'origin');
  const own = ownOrigin(req, trustProxy);
  return origin !== undefined && own !== null && origin.toLowerCase() === own.toLowerCase();
}

export function sessionCookie(id: string, maxAgeSec: number, secure: boolean): string {
  return `pcb_console=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `pcb_console=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
