import { withTimeout } from '../timeout.js';
import { handoffValue, holderOf, planRound } from './balance-plan.js';
import { BalancedLease } from './balanced-lease.js';
import { BalancerStore } from './balancer-scripts.js';
/** A free key beyond this instance's share is taken once this many of its rounds found it free (see planRound). */
const FREE_ROUNDS_BEFORE_ANYONE = 2;
async function withDeadline(promise, ms) {
    await withTimeout(promise, ms, () => undefined);
}
/**
 * Spreads the leases of many PBXs evenly over the live instances (one balancer per process; see src/lease/README.md).
 * Each round it renews what it holds, takes free leases, and gives one up when it holds more than its share while
 * another live instance holds less. The lease key is the truth: taken, renewed and given up only by Lua scripts that
 * compare the holder, each on one key, so it works on a Redis Cluster too.
 */
export class LeaseBalancer {
    log;
    leases = new Map();
    store;
    me;
    ttlMs;
    everyMs;
    lifeMs;
    handoffMs;
    timer = null;
    stopped = false;
    /** Out of the registry (leave()): renews what it holds, takes and gives up nothing. */
    leaving = false;
    running = null;
    queued = null;
    releasing = null;
    /** Key → how many of this instance's rounds in a row found it free. */
    freeStreak = new Map();
    constructor(redis, options, log) {
        this.log = log;
        this.ttlMs = options.ttlMs ?? 4000;
        this.everyMs = options.checkEveryMs ?? 1000;
        if (!options.prefix)
            throw new Error('lease balancer: prefix is empty');
        if (!options.instanceId)
            throw new Error('lease balancer: instanceId is empty');
        if (!(this.ttlMs > 0) || !(this.everyMs > 0) || this.everyMs * 2 > this.ttlMs) {
            throw new Error(`lease balancer: checkEveryMs (${this.everyMs}) must be positive and at most half of ttlMs (${this.ttlMs})`);
        }
        this.me = options.instanceId;
        // the registry entry ends a little before the leases of a dead instance do, so the others see it gone first
        this.lifeMs = Math.max(2 * this.everyMs, this.ttlMs - Math.floor(this.everyMs / 2));
        this.handoffMs = options.handoffMs ?? 3 * this.everyMs;
        this.store = new BalancerStore(redis, `${options.prefix}:lease:instances`, this.me);
    }
    get instanceId() { return this.me; }
    /** The handle of one lease key (e.g. `<prefix>:lease:ami:<pbx>`); the same handle again while it is open. */
    lease(key) {
        const open = this.leases.get(key);
        if (open)
            return open;
        const lease = new BalancedLease(key, this);
        this.leases.set(key, lease);
        return lease;
    }
    /** Registers this instance and starts the rounds (the first lease's start() does it too). */
    async start() {
        this.ensureTimer();
        await this.kick();
    }
    /** Each key's holder (an instance id), or null when free or being handed off; for /ready. */
    async holders(keys) {
        const values = await this.store.values(keys);
        return new Map([...values].map(([k, v]) => [k, holderOf(v)]));
    }
    /**
     * Leaves the registry, keeping what it holds renewed (a stopping process, before its readers stop): the others count
     * one instance less, so as its readers give their leases up the others take them at once up to their new share,
     * rather than beyond their old one and then handing them on among themselves. Takes and gives up nothing any more.
     */
    async leave() {
        this.leaving = true;
        await withDeadline(this.settled(), this.ttlMs); // a round in flight may still write the heartbeat
        try {
            await withDeadline(this.store.leave(), this.ttlMs);
        }
        catch (err) {
            this.log.warn({ err }, 'leaving the lease registry failed; the entry expires');
        }
    }
    /** Stops the rounds, frees what is still held (stop the readers first) and leaves the registry. */
    async stop() {
        this.stopped = true;
        if (this.timer)
            clearInterval(this.timer);
        this.timer = null;
        // one TTL for the waits on Redis: with Redis away every lease has expired by itself after that anyway
        const deadline = Date.now() + this.ttlMs;
        const left = () => Math.max(0, deadline - Date.now());
        await withDeadline(this.settled(), left());
        if (this.releasing)
            await withDeadline(this.releasing.done, left());
        await Promise.all([...this.leases.values()].map((l) => l.stop()));
        try {
            await withDeadline(this.store.leave(), left());
        }
        catch (err) {
            this.log.warn({ err }, 'leaving the lease registry failed; the entry expires');
        }
    }
    /** LeaseOwner: a handle started. */
    open(lease) {
        if (this.stopped) { // like RedisLease.start, never rejects: the lease just stays free
            this.log.warn({ key: lease.key }, 'lease started after its balancer stopped; it is not taken');
            return Promise.resolve();
        }
        if (this.leases.get(lease.key) !== lease)
            this.leases.set(lease.key, lease);
        this.ensureTimer();
        return this.kick();
    }
    /** LeaseOwner: a handle stopped; waits for a round or a release in flight, then frees the key if held. */
    async close(lease) {
        await withDeadline(this.settled(), this.ttlMs);
        if (this.releasing?.lease === lease)
            await withDeadline(this.releasing.done, this.ttlMs);
        if (lease.isActive)
            return; // started again meanwhile
        if (this.leases.get(lease.key) === lease)
            this.leases.delete(lease.key);
        this.freeStreak.delete(lease.key);
        if (!lease.isHeld)
            return;
        lease.setHeld(false);
        try {
            await withDeadline(this.store.release(lease.key), this.ttlMs);
        }
        catch (err) {
            this.log.warn({ err, key: lease.key }, 'lease release failed; it will expire');
        }
    }
    ensureTimer() {
        if (this.timer || this.stopped)
            return;
        this.timer = setInterval(() => { if (!this.running)
            void this.kick(); }, this.everyMs);
        this.timer.unref();
    }
    settled() {
        return this.queued ?? this.running ?? Promise.resolve();
    }
    /** A round that starts after this call: the one queued behind the round in flight, or a new one. */
    kick() {
        if (this.queued)
            return this.queued;
        if (!this.running)
            return this.run();
        this.queued = this.running.then(() => { this.queued = null; return this.run(); });
        return this.queued;
    }
    run() {
        const round = this.round()
            .catch((err) => { this.log.warn({ err }, 'lease round failed'); })
            .finally(() => { if (this.running === round)
            this.running = null; });
        this.running = round;
        return round;
    }
    async round() {
        if (this.stopped)
            return;
        const leases = [...this.leases.values()].filter((l) => l.isActive);
        const versions = leases.map((l) => l.version);
        const held = leases.filter((l) => l.isHeld);
        const [registry, ...checks] = await Promise.allSettled([
            this.leaving ? Promise.resolve([]) : this.store.heartbeat(this.lifeMs, held.length, this.releasing ? 1 : 0),
            ...leases.map((l) => this.store.check(l.key, this.ttlMs)),
        ]);
        const values = new Map();
        let failure = registry.status === 'rejected' ? registry.reason : null;
        checks.forEach((r, i) => {
            const lease = leases[i];
            if (!lease)
                return;
            if (r.status === 'rejected') {
                failure ??= r.reason;
                return;
            }
            values.set(lease.key, r.value);
            if (lease.version === versions[i])
                this.observe(lease, r.value);
        });
        if (registry.status === 'rejected' || failure !== null) {
            this.log.warn({ err: failure, held: held.length }, 'lease round failed; keeping the current leases until Redis answers');
            return;
        }
        if (this.stopped || this.leaving)
            return;
        const plan = planRound({
            me: this.me, live: registry.value, values, releasing: this.releasing !== null,
            freeBefore: new Set([...this.freeStreak].filter(([, n]) => n >= FREE_ROUNDS_BEFORE_ANYONE).map(([k]) => k)),
            held: new Set(leases.filter((l) => l.isHeld).map((l) => l.key)),
        });
        const taken = await this.takeAll(leases, plan.take, plan.takeHandoff);
        this.freeStreak = new Map([...values].filter(([k, v]) => v === null && !taken.has(k)).map(([k]) => [k, (this.freeStreak.get(k) ?? 0) + 1]));
        const release = plan.release === null ? undefined : leases.find((l) => l.key === plan.release);
        if (release?.isHeld && !this.stopped)
            this.giveUp(release, plan.share);
    }
    /** A check's answer: ours (taken back after a restart with the same id) or somebody else's. */
    observe(lease, value) {
        if (value === this.me) {
            if (!lease.isHeld)
                this.gained(lease);
            return;
        }
        if (value === handoffValue(this.me)) {
            lease.setHeld(false);
            return;
        } // our own hand-off, no event
        if (value !== null && lease.isHeld)
            this.lost(lease);
    }
    async takeAll(leases, free, handoff) {
        const wanted = [...free.map((key) => ({ key, handoff: false })), ...handoff.map((key) => ({ key, handoff: true }))]
            .map((w) => ({ ...w, lease: leases.find((l) => l.key === w.key) }))
            .flatMap((w) => (w.lease ? [{ ...w, lease: w.lease, version: w.lease.version }] : []));
        const results = await Promise.allSettled(wanted.map((w) => this.store.take(w.key, this.ttlMs, w.handoff)));
        const taken = new Set();
        results.forEach((r, i) => {
            const w = wanted[i];
            if (!w || r.status === 'rejected')
                return;
            if (r.value)
                taken.add(w.key);
            if (w.lease.version !== w.version || !w.lease.isActive) {
                if (r.value && !w.lease.isActive)
                    w.lease.setHeld(true);
                return;
            }
            if (r.value) {
                if (!w.lease.isHeld)
                    this.gained(w.lease);
            }
            else if (w.lease.isHeld)
                this.lost(w.lease);
        });
        return taken;
    }
    gained(lease) {
        lease.setHeld(true);
        const events = lease.events;
        if (!events || this.stopped)
            return;
        this.log.info({ key: lease.key, holder: this.me }, 'lease acquired');
        events.acquired();
    }
    lost(lease) {
        lease.setHeld(false);
        const events = lease.events;
        if (!events || this.stopped)
            return;
        this.log.warn({ key: lease.key, holder: this.me }, 'lease lost: another instance holds it');
        events.lost();
    }
    /**
     * Gives one lease up to rebalance, in the background (the rounds go on renewing it meanwhile): the reader stops
     * and saves while still the holder (events.release), then the key gets the hand-off mark.
     */
    giveUp(lease, share) {
        const done = (async () => {
            this.log.info({ key: lease.key, holder: this.me, share }, 'giving a lease up to rebalance');
            try {
                await lease.events?.release?.();
            }
            catch (err) {
                this.log.error({ err, key: lease.key }, 'release before a rebalance failed; giving the lease up anyway');
            }
            if (!lease.isHeld || !lease.isActive)
                return; // lost meanwhile, or stopped (close() frees it)
            try {
                if (!(await this.store.handOff(lease.key, this.handoffMs)))
                    this.log.warn({ key: lease.key }, 'lease already held by another instance when giving it up');
            }
            catch (err) {
                // still ours in Redis: the next round renews it and fires acquired(), so the reader starts again
                this.log.warn({ err, key: lease.key }, 'giving the lease up failed');
            }
            lease.setHeld(false);
        })().finally(() => { this.releasing = null; });
        this.releasing = { lease, done };
    }
}
