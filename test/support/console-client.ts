import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { consoleUser } from './console-users.js';

export const CONSOLE_HOST = 'console.test';
export const CONSOLE_ORIGIN = `http://${CONSOLE_HOST}`;

export interface ConsoleLogin {
  /** Every cookie sign-in set (session and CSRF secret), as a Cookie header. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** The session cookie's Set-Cookie line. */
  readonly setCookie: string;
}

/** POST /console/api/session through inject, as the page does (same Origin). */
export function signInRequest(
  app: FastifyInstance, extension: string, password: string, headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: '/console/api/session', payload: { extension, password },
    headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, ...headers },
  });
}

export async function signIn(app: FastifyInstance, extension: string): Promise<ConsoleLogin> {
  const res = await signInRequest(app, extension, consoleUser(extension).password);
  if (res.statusCode !== 200) throw new Error(`sign-in of ${extension} failed: ${res.statusCode} ${res.body}`);
  const all = [res.headers['set-cookie'] ?? []].flat();
  const setCookie = all.find((c) => c.startsWith('pcb_console=')) ?? '';
  // the session and the CSRF secret, as the browser sends them back
  const cookie = all.map((c) => c.split(';')[0] ?? '').join('; ');
  return { cookie, csrfToken: (res.json() as { csrfToken: string }).csrfToken, setCookie };
}

/** A console request with the session (GET, or a POST with the CSRF token and our Origin unless told otherwise). */
export function asUser(app: FastifyInstance, login: ConsoleLogin) {
  return {
    /** The Cookie header without one of its cookies. */
    cookieWithout: (name: string) => login.cookie.split('; ').filter((c) => !c.startsWith(`${name}=`)).join('; '),
    get: (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { host: CONSOLE_HOST, cookie: login.cookie, ...headers } }),
    post: (url: string, payload?: unknown, headers: Record<string, string> = {}) => app.inject({
      method: 'POST', url, headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, cookie: login.cookie, 'x-csrf-token': login.csrfToken, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    }),
  };
}
