import { describe, expect, it } from 'vitest';
import { routeLookupRoutes } from '../../../src/http/routes/route-lookup.js';
import type { RouteAnswer } from '../../../src/routing/responsible-router.js';
import { AUTH, callControlApp } from './call-control-app.js';

const ANNA: RouteAnswer = { extension: '201', userId: '5', name: 'Anna', source: 'cache' };
const NOBODY: RouteAnswer = { extension: null, userId: null, name: null, source: 'timeout' };

async function setup(answer: RouteAnswer) {
  const asked: string[] = [];
  const router = { lookup: async (phone: string) => { asked.push(phone); return answer; } };
  const app = await callControlApp([routeLookupRoutes({ router, dialSeconds: 20 })]);
  return { app, asked };
}

describe('GET /v1/route', () => {
  it('answers JSON with the responsible', async () => {
    const { app, asked } = await setup(ANNA);
    const res = await app.inject({ method: 'GET', url: '/v1/route?phone=%2B74951234567&did=4951230000', headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ extension: '201', userId: '5', name: 'Anna', source: 'cache', dialSeconds: 20 });
    expect(asked).toEqual(['+74951234567']);
  });

  it('reports each answer with the time since the request arrived', async () => {
    const durationsMs: number[] = [];
    const router = { lookup: () => new Promise<RouteAnswer>((resolve) => setTimeout(() => resolve(ANNA), 50)) };
    const app = await callControlApp([routeLookupRoutes({ router, dialSeconds: 20, onAnswered: (ms) => durationsMs.push(ms) })]);
    await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=text', headers: AUTH });
    await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=bogus', headers: AUTH }); // 400 is timed too
    expect(durationsMs).toHaveLength(2);
    expect(durationsMs[0]).toBeGreaterThanOrEqual(45);
  });

  it('answers the bare extension as text/plain for Accept: text/plain and for ?format=text', async () => {
    const { app } = await setup(ANNA);
    const byHeader = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567', headers: { ...AUTH, accept: 'text/plain' } });
    expect(byHeader.headers['content-type']).toMatch(/^text\/plain/);
    expect(byHeader.body).toBe('201');
    const byQuery = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=text', headers: AUTH });
    expect(byQuery.body).toBe('201');
  });

  it('answers 200 with an empty body or a null extension when nobody should be rung', async () => {
    const { app } = await setup(NOBODY);
    const text = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=text', headers: AUTH });
    expect(text.statusCode).toBe(200);
    expect(text.body).toBe('');
    const json = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567', headers: AUTH });
    expect(json.json()).toMatchObject({ extension: null, source: 'timeout' });
  });

  it('answers an anonymous caller (no phone) with nobody rather than an error', async () => {
    const { app, asked } = await setup(NOBODY);
    const res = await app.inject({ method: 'GET', url: '/v1/route?format=text', headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(asked).toEqual(['']);
  });

  it('needs the bearer token, and its refusal holds no digit a dialplan FILTER() could pick up', async () => {
    const { app } = await setup(ANNA);
    const res = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=text' });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toMatch(/\d/);
  });
});
