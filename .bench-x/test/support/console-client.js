import { consoleUser } from './console-users.js';
export const CONSOLE_HOST = 'console.test';
export const CONSOLE_ORIGIN = `http://${CONSOLE_HOST}`;
/** POST /console/api/session through inject, as the page does (same Origin). */
export function signInRequest(app, extension, password, headers = {}) {
    return app.inject({
        method: 'POST', url: '/console/api/session', payload: { extension, password },
        headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, ...headers },
    });
}
export async function signIn(app, extension) {
    const res = await signInRequest(app, extension, consoleUser(extension).password);
    if (res.statusCode !== 200)
        throw new Error(`sign-in of ${extension} failed: ${res.statusCode} ${res.body}`);
    const all = [res.headers['set-cookie'] ?? []].flat();
    const setCookie = all.find((c) => c.startsWith('pcb_console=')) ?? '';
    // the session and the CSRF secret, as the browser sends them back
    const cookie = all.map((c) => c.split(';')[0] ?? '').join('; ');
    return { cookie, csrfToken: res.json().csrfToken, setCookie };
}
/** A console request with the session (GET, or a POST with the CSRF token and our Origin unless told otherwise). */
export function asUser(app, login) {
    return {
        /** The Cookie header without one of its cookies. */
        cookieWithout: (name) => login.cookie.split('; ').filter((c) => !c.startsWith(`${name}=`)).join('; '),
        get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { host: CONSOLE_HOST, cookie: login.cookie, ...headers } }),
        post: (url, payload, headers = {}) => app.inject({
            method: 'POST', url, headers: { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, cookie: login.cookie, 'x-csrf-token': login.csrfToken, ...headers },
            ...(payload === undefined ? {} : { payload: payload }),
        }),
    };
}
