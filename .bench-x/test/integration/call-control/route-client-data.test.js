import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber } from '../../../src/calls/phone-number.js';
import { RetryableError } from '../../../src/errors.js';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { routeLookupRoutes } from '../../../src/http/routes/route-lookup.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { ResponsibleRouter } from '../../../src/routing/responsible-router.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { AUTH, callControlApp } from '../../unit/http/call-control-app.js';
const LINE = '84951230000';
const LINES = [{
        dids: [LINE], hours: { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'] }, holidays: ['2026-12-08'] },
        closed: { context: 'vm-main', exten: '100' },
    }];
const RULES = [
    { name: 'vip', tag: 'VIP', target: { extension: '301' } },
    { name: 'b2b', field: 'segment', equals: 'b2b', target: { context: 'ext-queues', exten: '500' } },
];
const MONDAY_NOON = Date.parse('2026-12-07T12:00:00+03:00');
/** The local CRM with a known client (responsible 201), a VIP without a responsible, and a b2b client. */
async function world(overrides = {}, log = silentLogger(), wrap) {
    const redis = testRedis();
    const prefix = uniquePrefix();
    const crm = new LocalCrmAdapter({ redis, prefix, users: { 201: '5' }, log });
    const add = (phone, title, responsibleExtension) => crm.createEntity({ kind: 'contact', phone, title, responsibleExtension, contact: null, source: 'inbound' });
    await add('+74951111111', 'Ivan "Vanya" Petrov, Horns & Hooves LLC', '201');
    await crm.setClientData(await add('+74952222222', 'Maria VIP', null), { tags: ['vip'] });
    await crm.setClientData(await add('+74953333333', 'Oleg Wholesale', null), { fields: { segment: 'B2B' } });
    let nowMs = MONDAY_NOON;
    const router = new ResponsibleRouter({
        crm: wrap ? wrap(crm) : crm, redis, prefix, timeoutMs: 300, ttlSec: 300, availability: null, log, normalize: (p) => normalizePhoneNumber(p, 'RU'),
        callerNameMaxChars: 24, lines: LINES, clientRules: RULES, defaultCountry: 'RU', now: () => nowMs, ...overrides,
    });
    const app = await callControlApp([routeLookupRoutes({ router, dialSeconds: 20 })]);
    const vars = async (phone, did = LINE) => (await app.inject({ method: 'GET', url: `/v1/route?phone=${encodeURIComponent(phone)}&did=${did}&format=vars`, headers: AUTH })).body;
    return { crm, router, app, vars, setNow: (ms) => { nowMs = ms; } };
}
describe('GET /v1/route with the caller name, working hours and client rules (local CRM)', () => {
    it('answers known, unknown, VIP, b2b and out-of-hours callers as documented', async () => {
        const { vars, setNow } = await world();
        expect(await vars('84951111111')).toBe('201,1,,,,Ivan Vanya Petrov Horns');
        expect(await vars('84959999999')).toBe(',1,,,,');
        expect(await vars('84952222222')).toBe('301,1,,,vip,Maria VIP');
        expect(await vars('84953333333')).toBe(',1,ext-queues,500,b2b,Oleg Wholesale');
        setNow(Date.parse('2026-12-07T19:30:00+03:00'));
        expect(await vars('84951111111')).toBe(',0,vm-main,100,,Ivan Vanya Petrov Horns');
        setNow(Date.parse('2026-12-08T12:00:00+03:00')); // a holiday
        expect(await vars('84959999999')).toBe(',0,vm-main,100,,');
        expect(await vars('84959999999', '84950000000')).toBe(',1,,,,'); // a line without hours
    });
    it('keeps the JSON and the plain text answer as documented', async () => {
        const { app } = await world();
        const json = await app.inject({ method: 'GET', url: `/v1/route?phone=84952222222&did=${LINE}`, headers: AUTH });
        expect(json.json()).toEqual({
            extension: '301', userId: null, name: null, source: 'rule', callerName: 'Maria VIP', open: true, destination: null, rule: 'vip', dialSeconds: 20,
        });
        const text = await app.inject({ method: 'GET', url: '/v1/route?phone=84951111111&format=text', headers: AUTH });
        expect(text.body).toBe('201');
    });
    it('serves the name and client data from the cache: a changed CRM shows after invalidate()', async () => {
        const { crm, router, vars } = await world();
        expect(await vars('84953333333')).toBe(',1,ext-queues,500,b2b,Oleg Wholesale');
        const [oleg] = await crm.entitiesOf('+74953333333');
        await crm.setClientData({ kind: 'contact', id: oleg?.id ?? '' }, { fields: { segment: 'retail' }, tags: ['VIP'] });
        expect(await vars('84953333333')).toBe(',1,ext-queues,500,b2b,Oleg Wholesale');
        await router.invalidate('84953333333');
        expect(await vars('84953333333')).toBe('301,1,,,vip,Oleg Wholesale');
    });
    it('routes by the responsible when the client lookup fails, and says nothing of the name', async () => {
        const failing = (crm) => ({
            responsible: crm.responsible,
            findByPhone: async () => { throw new RetryableError('CRM 503'); },
        });
        const { vars } = await world({}, silentLogger(), failing);
        expect(await vars('84951111111')).toBe('201,1,,,,');
        expect(await vars('84952222222')).toBe(',1,,,,'); // no client data: the VIP rule cannot match
    });
    it('answers within the deadline when the CRM hangs, and the line\'s hours still hold', async () => {
        const { crm, vars, setNow } = await world({ timeoutMs: 100 });
        crm.findByPhone = () => new Promise(() => undefined);
        crm.responsible.find = () => new Promise(() => undefined);
        const started = Date.now();
        expect(await vars('84951111111')).toBe(',1,,,,');
        setNow(Date.parse('2026-12-07T20:00:00+03:00'));
        expect(await vars('84951111112')).toBe(',0,vm-main,100,,');
        expect(Date.now() - started).toBeLessThan(600);
    });
    it('never writes a caller name into the log at info level', async () => {
        const lines = [];
        const sink = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done(); } });
        const { vars, crm } = await world({}, createLogger('info', [], sink));
        await vars('84951111111');
        await vars('84952222222');
        crm.findByPhone = async () => { throw new RetryableError('CRM 503'); };
        await vars('84959999998');
        const text = lines.join('\n');
        for (const name of ['Vanya', 'Petrov', 'Maria', 'Oleg'])
            expect(text).not.toContain(name);
    });
});
