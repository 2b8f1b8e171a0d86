import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { waitFor } from '../../../harness/poll.js';
import { LeaseBalancer } from '../../../src/lease/lease-balancer.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { testRedisUrl, uniquePrefix } from '../../support/test-redis.js';
/**
 * Several balancers (instances) over one Redis, with one lease per key each. Ownership is sampled from the callbacks,
 * as a reader sees it: a key is someone's from acquired() until its release() resolved or lost() fired; an
 * acquired() while another instance still owns the key is an overlap.
 */
function cluster(timing) {
    const prefix = uniquePrefix();
    const nodes = [];
    const owner = new Map();
    const overlaps = [];
    const tally = { acquired: 0, released: 0, lost: 0 };
    let keys = [];
    const events = (id, key) => ({
        acquired: () => {
            const current = owner.get(key);
            if (current !== undefined)
                overlaps.push(`${key}: ${id} acquired while ${current} still reads it`);
            owner.set(key, id);
            tally.acquired += 1;
        },
        lost: () => {
            tally.lost += 1;
            if (owner.get(key) === id)
                owner.delete(key);
        },
        release: async () => {
            await new Promise((resolve) => setTimeout(resolve, 20)); // the reader saves its state: that takes a moment
            if (owner.get(key) === id)
                owner.delete(key);
            tally.released += 1;
        },
    });
    const open = (node, key) => {
        const lease = node.balancer.lease(key);
        node.leases.set(key, lease);
        return lease.start(events(node.id, key));
    };
    return {
        prefix, nodes, owner, overlaps, tally,
        keyName: (i) => `${prefix}:lease:ami:pbx${String(i).padStart(2, '0')}`,
        async add(id, options = {}) {
            const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
            const balancer = new LeaseBalancer(redis, { prefix, instanceId: id, ...timing }, process.env['LB_DEBUG'] ? createLogger('info', []).child({ id }) : silentLogger());
            const node = { id, redis, balancer, leases: new Map(), killed: false };
            nodes.push(node);
            onTestFinished(async () => { await balancer.stop(); redis.disconnect(); });
            if (options.registerFirst)
                await balancer.start();
            return node;
        },
        async openAll(node) { await Promise.all(keys.map((k) => open(node, k))); },
        async setKeys(next) {
            const removed = keys.filter((k) => !next.includes(k));
            const added = next.filter((k) => !keys.includes(k));
            keys = [...next];
            for (const node of nodes.filter((n) => !n.killed)) {
                await Promise.all(removed.map(async (k) => { await node.leases.get(k)?.stop(); node.leases.delete(k); if (owner.get(k) === node.id)
                    owner.delete(k); }));
                await Promise.all(added.map((k) => open(node, k)));
            }
        },
        /** kill -9: the process and its connection are gone; nothing is released; it reads nothing any more. */
        kill(node) {
            node.killed = true;
            node.redis.disconnect();
            for (const [key, id] of owner)
                if (id === node.id)
                    owner.delete(key);
        },
        counts() {
            return nodes.filter((n) => !n.killed).map((n) => [...n.leases.values()].filter((l) => l.isHeld).length);
        },
        settled(expected) {
            const counts = this.counts();
            return counts.join('/') === expected.join('/') && keys.every((k) => owner.has(k));
        },
    };
}
const FAST = { ttlMs: 600, checkEveryMs: 100 };
const keysOf = (c, n) => Array.from({ length: n }, (_, i) => c.keyName(i));
async function settle(c, expected, timeoutMs) {
    const started = Date.now();
    await waitFor(() => c.settled(expected), { what: () => `leases ${expected.join('/')}, have ${c.counts().join('/')}`, timeoutMs, intervalMs: 10 });
    return Date.now() - started;
}
describe('LeaseBalancer', () => {
    it('spreads 12 leases 4/4/4 over three instances that join one after another, then survives a kill', async () => {
        const c = cluster(FAST);
        await c.setKeys(keysOf(c, 12));
        const a = await c.add('a');
        await c.openAll(a);
        await settle(c, [12], 2000); // alone: it takes them all
        await c.openAll(await c.add('b'));
        await c.openAll(await c.add('c'));
        await settle(c, [4, 4, 4], 10_000);
        c.kill(a);
        const takeover = await settle(c, [6, 6], FAST.ttlMs + FAST.checkEveryMs + 600);
        expect(takeover).toBeLessThanOrEqual(FAST.ttlMs + FAST.checkEveryMs + 600);
        expect(c.overlaps).toEqual([]);
        expect(c.tally.lost).toBe(0);
        expect(c.tally.released).toBeGreaterThanOrEqual(8);
    });
    it('gives a 4th instance its share (3/3/3/3) within a few rounds, one release per over-share instance', async () => {
        const c = cluster(FAST);
        await c.setKeys(keysOf(c, 12));
        for (const id of ['a', 'b', 'c'])
            await c.add(id, { registerFirst: true });
        await Promise.all(c.nodes.map((n) => c.openAll(n)));
        await settle(c, [4, 4, 4], 3000);
        const releasedBefore = c.tally.released;
        await c.openAll(await c.add('d'));
        await settle(c, [3, 3, 3, 3], 3000);
        expect(c.tally.released - releasedBefore).toBe(3);
        expect(c.overlaps).toEqual([]);
        expect(c.tally.lost).toBe(0);
    });
    it('follows keys added and removed at run time', async () => {
        const c = cluster(FAST);
        await c.setKeys(keysOf(c, 9));
        for (const id of ['a', 'b', 'c'])
            await c.openAll(await c.add(id, { registerFirst: true }));
        await settle(c, [3, 3, 3], 5000);
        await c.setKeys(keysOf(c, 15));
        await settle(c, [5, 5, 5], 5000);
        const gone = keysOf(c, 15).slice(6);
        await c.setKeys(keysOf(c, 6));
        await settle(c, [2, 2, 2], 5000);
        const redis = c.nodes[0]?.redis;
        expect(await redis?.exists(...gone)).toBe(0); // a stopped lease is freed, not left to expire
        expect(c.overlaps).toEqual([]);
        expect(c.tally.lost).toBe(0);
    });
    it('reports each key\'s holder, and a clean stop frees the leases for the others at once', async () => {
        const c = cluster({ ttlMs: 30_000, checkEveryMs: 100 }); // expiry alone would take 30 s
        const keys = keysOf(c, 4);
        await c.setKeys(keys);
        const [a, b] = [await c.add('a', { registerFirst: true }), await c.add('b', { registerFirst: true })];
        await Promise.all([c.openAll(a), c.openAll(b)]);
        await settle(c, [2, 2], 3000);
        const holders = await a.balancer.holders([...keys, `${c.prefix}:lease:ami:unknown`]);
        expect([...holders.values()].filter((h) => h === 'a')).toHaveLength(2);
        expect([...holders.values()].filter((h) => h === 'b')).toHaveLength(2);
        expect(holders.get(`${c.prefix}:lease:ami:unknown`)).toBeNull();
        for (const key of keys)
            if (c.owner.get(key) === 'a')
                c.owner.delete(key); // a's readers stop first
        await a.balancer.stop();
        a.killed = true; // out of the counts
        await waitFor(() => [...b.leases.values()].every((l) => l.isHeld), { what: 'b to take a\'s leases', timeoutMs: 2000 });
        expect(await c.nodes[0]?.redis.hexists(`${c.prefix}:lease:instances`, 'a')).toBe(0);
        expect(c.overlaps).toEqual([]);
    });
    it('an instance that leaves before its readers stop: the others take its leases up to their new share, none handed on between them', async () => {
        const c = cluster(FAST);
        const keys = keysOf(c, 12);
        await c.setKeys(keys);
        for (const id of ['a', 'b', 'c'])
            await c.add(id, { registerFirst: true });
        await Promise.all(c.nodes.map((n) => c.openAll(n)));
        await settle(c, [4, 4, 4], 3000);
        const leaving = c.nodes[2];
        if (!leaving)
            throw new Error('no instance');
        const releasedBefore = c.tally.released;
        await leaving.balancer.leave();
        const registry = `${c.prefix}:lease:instances`;
        expect(await leaving.redis.hexists(registry, 'c')).toBe(0);
        // it still renews its leases meanwhile (its readers still read), without writing itself back into the registry
        const mine = keys.filter((k) => c.owner.get(k) === 'c');
        const pttl = async () => Number(await leaving.redis.pttl(mine[0] ?? ''));
        let lowest = await pttl();
        await waitFor(async () => { const now = await pttl(); const renewed = now > lowest; lowest = Math.min(lowest, now); return renewed; }, { what: 'a renewal', timeoutMs: 2000, intervalMs: 10 });
        expect(await leaving.redis.hexists(registry, 'c')).toBe(0);
        expect(mine.map((k) => c.owner.get(k))).toEqual(['c', 'c', 'c', 'c']);
        // its readers stop (the process drains its jobs before the balancer stops): a and b hold 6 each, taken once
        for (const k of mine)
            c.owner.delete(k);
        await Promise.all([...leaving.leases.values()].map((l) => l.stop()));
        leaving.killed = true; // out of the counts
        await settle(c, [6, 6], 3000);
        await leaving.balancer.stop();
        expect(c.tally.released - releasedBefore).toBe(0);
        expect(c.overlaps).toEqual([]);
        expect(c.tally.lost).toBe(0);
    });
    it('a lease started after its balancer stopped resolves and stays free (start never rejects, as RedisLease)', async () => {
        const c = cluster(FAST);
        const a = await c.add('a');
        await a.balancer.stop();
        const lease = a.balancer.lease(c.keyName(0));
        await lease.start({ acquired: () => { throw new Error('taken after stop'); }, lost: () => { } });
        expect(lease.isHeld).toBe(false);
        expect(await a.redis.exists(c.keyName(0))).toBe(0);
    });
    it('rejects timings where a lease could expire between two rounds', () => {
        expect(() => new LeaseBalancer({}, { prefix: 'p', instanceId: 'a', ttlMs: 1000, checkEveryMs: 600 }, silentLogger()))
            .toThrow(/at most half of ttlMs/);
    });
});
describe('LeaseBalancer at the default timing (TTL 4 s, a round per second)', () => {
    it('splits 12 leases 4/4/4 and moves a killed instance\'s leases within the TTL and a few rounds', async () => {
        const c = cluster({ ttlMs: 4000, checkEveryMs: 1000 });
        await c.setKeys(keysOf(c, 12));
        for (const id of ['a', 'b', 'c'])
            await c.add(id, { registerFirst: true });
        await Promise.all(c.nodes.map((n) => c.openAll(n)));
        await settle(c, [4, 4, 4], 5000);
        const [victim] = c.nodes;
        if (!victim)
            throw new Error('no instance');
        c.kill(victim);
        // the 7 s bound of issue 16 is checked with real processes (test/integration/deployment/lease-spread.test.ts) and
        // measured by `npm run chaos -- --tenants`; here the three balancers share this worker's event loop with whatever
        // else the suite runs (7.1 s once under CI load), so the bound is the TTL plus the rounds with room for that
        const takeover = await settle(c, [6, 6], 10_000);
        expect(takeover).toBeLessThanOrEqual(10_000);
        expect(c.overlaps).toEqual([]);
        expect(c.tally.lost).toBe(0);
    }, 20_000);
});
