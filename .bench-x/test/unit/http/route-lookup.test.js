import { describe, expect, it } from 'vitest';
import { routeLookupRoutes } from '../../../src/http/routes/route-lookup.js';
import { AUTH, callControlApp } from './call-control-app.js';
const OPEN = { callerName: null, open: true, destination: null, rule: null };
const ANNA = { extension: '201', userId: '5', name: 'Anna', source: 'cache', ...OPEN };
const NOBODY = { extension: null, userId: null, name: null, source: 'timeout', ...OPEN };
const VIP = { extension: null, userId: null, name: null, source: 'rule', callerName: 'Ivan Petrov', open: true, destination: { context: 'ext-queues', exten: '500' }, rule: 'vip' };
const CLOSED = { extension: null, userId: null, name: null, source: 'closed', callerName: 'Ivan', open: false, destination: { context: 'vm-main', exten: '100' }, rule: null };
async function setup(answer) {
    const asked = [];
    const dids = [];
    const router = { lookup: async (phone, did) => { asked.push(phone); dids.push(did); return answer; } };
    const app = await callControlApp([routeLookupRoutes({ router, dialSeconds: 20 })]);
    return { app, asked, dids };
}
describe('GET /v1/route', () => {
    it('answers JSON with the responsible', async () => {
        const { app, asked } = await setup(ANNA);
        const res = await app.inject({ method: 'GET', url: '/v1/route?phone=%2B74951234567&did=4951230000', headers: AUTH });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ extension: '201', userId: '5', name: 'Anna', source: 'cache', ...OPEN, dialSeconds: 20 });
        expect(asked).toEqual(['+74951234567']);
    });
    it('passes the DID to the router, and none when it is missing', async () => {
        const { app, dids } = await setup(ANNA);
        await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&did=84951230000', headers: AUTH });
        await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567', headers: AUTH });
        expect(dids).toEqual(['84951230000', null]);
    });
    it('answers the caller name, the open state, the destination and the rule in JSON', async () => {
        const { app } = await setup(CLOSED);
        const res = await app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&did=1', headers: AUTH });
        expect(res.json()).toEqual({ ...CLOSED, dialSeconds: 20 });
    });
    it('answers one line for Set(ARRAY(...)) with format=vars: extension,open,context,exten,rule,name', async () => {
        const vip = await (await setup(VIP)).app.inject({ method: 'GET', url: '/v1/route?phone=74951234567&format=vars', headers: AUTH });
        expect(vip.headers['content-type']).toMatch(/^text\/plain/);
        expect(vip.body).toBe(',1,ext-queues,500,vip,Ivan Petrov');
        const anna = await (await setup({ ...ANNA, callerName: 'Oleg' })).app.inject({ method: 'GET', url: '/v1/route?phone=1&format=vars', headers: AUTH });
        expect(anna.body).toBe('201,1,,,,Oleg');
        const closed = await (await setup(CLOSED)).app.inject({ method: 'GET', url: '/v1/route?phone=1&format=vars', headers: AUTH });
        expect(closed.body).toBe(',0,vm-main,100,,Ivan');
    });
    it('answers one bare value with format=text&field=…, and the extension alone without a field (as before)', async () => {
        const { app } = await setup(VIP);
        const get = async (q) => (await app.inject({ method: 'GET', url: `/v1/route?phone=1&format=text${q}`, headers: AUTH })).body;
        expect(await get('')).toBe('');
        expect(await get('&field=callerName')).toBe('Ivan Petrov');
        expect(await get('&field=open')).toBe('1');
        expect(await get('&field=destination')).toBe('ext-queues,500');
        expect(await get('&field=rule')).toBe('vip');
        expect(await get('&field=extension')).toBe('');
    });
    it('reports each answer with the time since the request arrived', async () => {
        const durationsMs = [];
        const router = { lookup: () => new Promise((resolve) => setTimeout(() => resolve(ANNA), 50)) };
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
