import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bearerProblem } from '../../../src/http/bearer-auth.js';
import { API_TOKEN, AUTH, callControlApp } from './call-control-app.js';

/** Routes a future change might add, anywhere, some declaring how they authenticate. */
async function newRoutes(app: FastifyInstance): Promise<void> {
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
