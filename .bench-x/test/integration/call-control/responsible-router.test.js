import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { normalizePhoneNumber } from '../../../src/calls/phone-number.js';
import { RetryableError } from '../../../src/errors.js';
import { routeLookupRoutes } from '../../../src/http/routes/route-lookup.js';
import { silentLogger } from '../../../src/log.js';
import { ResponsibleRouter } from '../../../src/routing/responsible-router.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { AUTH, callControlApp } from '../../unit/http/call-control-app.js';
import { waitFor } from '../../../harness/poll.js';
const ANNA = { extension: '201', userId: '5', name: 'Anna' };
/** A CRM whose answers the test controls; counts the lookups. */
class FakeCrm {
    calls = [];
    answer = async () => ANNA;
    responsible = {
        find: (phone) => { this.calls.push(phone); return this.answer(phone); },
        set: async () => undefined,
    };
    findByPhone = async () => null;
}
const NO_EXTRAS = { callerName: null, open: true, destination: null, rule: null };
function makeRouter(crm, overrides = {}) {
    const prefix = uniquePrefix();
    const redis = overrides.redis ?? testRedis();
    const router = new ResponsibleRouter({
        crm, redis, prefix, timeoutMs: 200, ttlSec: 300, availability: null, log: silentLogger(),
        normalize: (p) => normalizePhoneNumber(p, 'RU'), ...overrides,
    });
    return { router, redis, prefix };
}
describe('ResponsibleRouter', () => {
    it('asks the CRM on a miss, caches in Redis with the TTL, and answers later calls from the cache', async () => {
        const crm = new FakeCrm();
        const { router, redis, prefix } = makeRouter(crm);
        expect(await router.lookup('8 (495) 123-45-67')).toEqual({ extension: '201', userId: '5', name: 'Anna', source: 'crm', ...NO_EXTRAS });
        expect(await router.lookup('+74951234567')).toEqual({ extension: '201', userId: '5', name: 'Anna', source: 'cache', ...NO_EXTRAS });
        expect(crm.calls).toEqual(['+74951234567']);
        const ttl = await redis.ttl(`${prefix}:route:+74951234567`);
        expect(ttl).toBeGreaterThan(290);
    });
    it('caches "nobody" for at most 60 s', async () => {
        const crm = new FakeCrm();
        crm.answer = async () => null;
        const { router, redis, prefix } = makeRouter(crm);
        expect((await router.lookup('74951234567')).source).toBe('none');
        expect((await router.lookup('74951234567')).source).toBe('none');
        expect(crm.calls).toHaveLength(1);
        expect(await redis.ttl(`${prefix}:route:+74951234567`)).toBeLessThanOrEqual(60);
    });
    it('answers empty within the deadline when the CRM is slow, and the late answer warms the cache', async () => {
        const crm = new FakeCrm();
        let release = () => undefined;
        crm.answer = () => new Promise((resolve) => { release = resolve; });
        const { router } = makeRouter(crm, { timeoutMs: 100 });
        const started = Date.now();
        expect(await router.lookup('74951234567')).toEqual({ extension: null, userId: null, name: null, source: 'timeout', ...NO_EXTRAS });
        expect(Date.now() - started).toBeLessThan(400);
        release(ANNA);
        await waitFor(async () => (await router.lookup('74951234567')).source === 'cache', { what: 'the late answer in the cache', timeoutMs: 2000 });
    });
    it('answers empty when the CRM fails', async () => {
        const crm = new FakeCrm();
        crm.answer = async () => { throw new RetryableError('CRM 503'); };
        const { router } = makeRouter(crm);
        expect(await router.lookup('74951234567')).toMatchObject({ extension: null, source: 'error' });
    });
    it('answers empty within the deadline when Redis is down', async () => {
        const crm = new FakeCrm();
        const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 50 });
        dead.on('error', () => undefined);
        void dead.connect().catch(() => undefined);
        onTestFinished(() => { dead.disconnect(); });
        const { router } = makeRouter(crm, { redis: dead, timeoutMs: 100 });
        const started = Date.now();
        expect((await router.lookup('74951234567')).extension).toBeNull();
        expect(Date.now() - started).toBeLessThan(400);
    });
    it('shares one CRM lookup among simultaneous calls from one number', async () => {
        const crm = new FakeCrm();
        crm.answer = () => new Promise((resolve) => setTimeout(() => resolve(ANNA), 30));
        const { router } = makeRouter(crm);
        const answers = await Promise.all(Array.from({ length: 5 }, () => router.lookup('74951234567')));
        expect(answers.every((a) => a.extension === '201')).toBe(true);
        expect(crm.calls).toHaveLength(1);
    });
    it('invalidate() makes the next lookup ask the CRM again', async () => {
        const crm = new FakeCrm();
        const { router } = makeRouter(crm);
        await router.lookup('74951234567');
        crm.answer = async () => ({ extension: '202', userId: '6', name: 'Boris' });
        await router.invalidate('8 495 123 45 67');
        expect(await router.lookup('74951234567')).toMatchObject({ extension: '202', source: 'crm' });
        expect(crm.calls).toHaveLength(2);
    });
    it('keeps an in-process copy for localTtlMs; another instance\'s invalidate() reaches it within that time', async () => {
        const crm = new FakeCrm();
        const a = makeRouter(crm, { localTtlMs: 100 });
        const b = new ResponsibleRouter({
            crm, redis: a.redis, prefix: a.prefix, timeoutMs: 200, ttlSec: 300, availability: null, log: silentLogger(),
            normalize: (p) => normalizePhoneNumber(p, 'RU'), localTtlMs: 0,
        });
        await a.router.lookup('74951234567');
        crm.answer = async () => ({ extension: '202', userId: '6', name: 'Boris' });
        await b.invalidate('74951234567');
        expect((await a.router.lookup('74951234567')).extension).toBe('201');
        await waitFor(async () => (await a.router.lookup('74951234567')).extension === '202', { what: 'a to see the invalidated answer', timeoutMs: 2000 });
        expect((await b.lookup('74951234567')).source).toBe('cache');
    });
    it('routes to the fallback colleague, or to nobody, when the responsible is not free', async () => {
        const busy = new Set(['201']);
        const availability = { isFree: (ext) => !busy.has(ext) };
        const withFallback = makeRouter(new FakeCrm(), { availability, fallbackExtension: '209' }).router;
        expect(await withFallback.lookup('74951234567')).toMatchObject({ extension: '209', source: 'fallback' });
        busy.add('209');
        expect(await withFallback.lookup('74951234567')).toMatchObject({ extension: null, source: 'busy', name: 'Anna' });
        busy.clear();
        expect(await withFallback.lookup('74951234567')).toMatchObject({ extension: '201', source: 'cache' });
    });
    it('never routes to an extension that is not digits, and refuses numbers it cannot read', async () => {
        const crm = new FakeCrm();
        crm.answer = async () => ({ extension: '201"\nEXEC System', userId: '5', name: 'x' });
        const { router } = makeRouter(crm);
        expect(await router.lookup('74951234567')).toMatchObject({ extension: null, source: 'none' });
        expect(await router.lookup('not a number')).toMatchObject({ extension: null, source: 'invalid' });
        expect(await router.lookup('')).toMatchObject({ extension: null, source: 'invalid' });
    });
});
describe('GET /v1/route with the real router', () => {
    it('serves a miss, then a hit, and an empty text answer within ROUTE_TIMEOUT_MS when the CRM hangs', async () => {
        const crm = new FakeCrm();
        const { router } = makeRouter(crm, { timeoutMs: 150 });
        const app = await callControlApp([routeLookupRoutes({ router, dialSeconds: 20 })]);
        const get = (phone) => app.inject({ method: 'GET', url: `/v1/route?phone=${encodeURIComponent(phone)}&format=text`, headers: AUTH });
        expect((await get('+74951234567')).body).toBe('201');
        expect((await get('+74951234567')).body).toBe('201');
        expect(crm.calls).toHaveLength(1);
        crm.answer = () => new Promise(() => undefined);
        const started = Date.now();
        const slow = await get('+74957654321');
        expect(slow.statusCode).toBe(200);
        expect(slow.body).toBe('');
        expect(Date.now() - started).toBeLessThan(500);
    });
});
