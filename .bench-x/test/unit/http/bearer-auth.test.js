import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { bearerProblem, tokenCheck } from '../../../src/http/bearer-auth.js';
import { API_TOKEN, AUTH, callControlApp } from './call-control-app.js';
/** Routes a future change might add, anywhere, some declaring how they authenticate. */
async function newRoutes(app) {
    app.get('/v2/export', async () => ({ secret: 'journal' }));
    app.post('/admin/reset', async () => ({ done: true }));
    app.get('/v1/status', { config: { auth: 'public' } }, async () => ({ up: true }));
}
describe('bearer authentication', () => {
    it('protects a route that says nothing about auth, wherever it lives; only one declared public answers without a token', async () => {
        const app = await callControlApp([newRoutes]);
        expect((await app.inject({ method: 'GET', url: '/v2/export' })).statusCode).toBe(401);
        expect((await app.inject({ method: 'POST', url: '/admin/reset' })).statusCode).toBe(401);
        expect((await app.inject({ method: 'GET', url: '/v2/export', headers: AUTH })).json()).toEqual({ secret: 'journal' });
        expect((await app.inject({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
        const refused = await app.inject({ method: 'GET', url: '/%762/export' });
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['www-authenticate']).toBe('Bearer');
        expect(refused.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });
    it('tells a missing header, another scheme and a wrong token apart (the metric reason), and accepts any case of "Bearer"', () => {
        expect(bearerProblem(undefined, API_TOKEN)).toBe('missing_token');
        expect(bearerProblem('', API_TOKEN)).toBe('missing_token');
        expect(bearerProblem(`Basic ${API_TOKEN}`, API_TOKEN)).toBe('not_bearer');
        expect(bearerProblem('Bearer   ', API_TOKEN)).toBe('not_bearer');
        expect(bearerProblem(`Bearer ${API_TOKEN}x`, API_TOKEN)).toBe('wrong_token');
        expect(bearerProblem(`Bearer ${API_TOKEN.slice(0, -1)}`, API_TOKEN)).toBe('wrong_token');
        expect(bearerProblem(`bearer ${API_TOKEN} `, API_TOKEN)).toBeNull();
        expect(bearerProblem(`Bearer ${API_TOKEN}`, API_TOKEN)).toBeNull();
    });
});
describe('tokenCheck (a deployment file tenant\'s hashed tokens)', () => {
    it('accepts exactly the tokens whose sha256 is listed, and the plain token when there is one', () => {
        const hex = (t) => createHash('sha256').update(t).digest('hex');
        const check = tokenCheck({ plain: null, sha256: [hex('first-token-0123456789'), hex('second-token-0123456789')] });
        expect(check('first-token-0123456789')).toBe(true);
        expect(check('second-token-0123456789')).toBe(true);
        expect(check('first-token-012345678')).toBe(false);
        expect(check(hex('first-token-0123456789'))).toBe(false); // the stored hash itself is no token
        expect(check('')).toBe(false);
        expect(bearerProblem('Bearer second-token-0123456789', check)).toBeNull();
        expect(bearerProblem('Bearer other', check)).toBe('wrong_token');
        const both = tokenCheck({ plain: API_TOKEN, sha256: [] });
        expect(both(API_TOKEN)).toBe(true);
        expect(both('x')).toBe(false);
    });
});
