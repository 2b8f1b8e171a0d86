import { withTimeout } from '../timeout.js';
const RENEW = 'if redis.call(\'get\', KEYS[1]) == ARGV[1] then return redis.call(\'pexpire\', KEYS[1], ARGV[2]) else return 0 end';
const RELEASE = 'if redis.call(\'get\', KEYS[1]) == ARGV[1] then return redis.call(\'del\', KEYS[1]) else return 0 end';
/** Resolves with the promise, or after `ms` regardless (the promise keeps running). */
async function withDeadline(promise, ms) {
    await withTimeout(promise, ms, () => undefined);
}
/**
 * A lease in Redis: exactly one holder at a time (SET NX PX), renewed while alive, released on stop.
 * When the holder dies the key expires and another instance takes over within ttlMs + checkEveryMs.
 * While Redis cannot be reached the holder keeps what it has (nobody else can take the lease through that Redis
 * either); when the key is gone after a Redis restart, the holder takes it again at once.
 */
export class RedisLease {
    redis;
    options;
    log;
    timer = null;
    held = false;
    busy = false;
    stopped = false;
    current = Promise.resolve();
    constructor(redis, options, log) {
        this.redis = redis;
        this.options = options;
        this.log = log;
    }
    get isHeld() { return this.held; }
    async tryAcquire() {
        const { key, holderId, ttlMs } = this.options;
        const ok = await this.redis.set(key, holderId, 'PX', ttlMs, 'NX');
        return ok === 'OK';
    }
    async renew() {
        const { key, holderId, ttlMs } = this.options;
        return (await this.redis.eval(RENEW, 1, key, holderId, String(ttlMs))) === 1;
    }
    async release() {
        await this.redis.eval(RELEASE, 1, this.options.key, this.options.holderId);
    }
    /**
     * Starts the renew/acquire loop; `events.acquired` and `events.lost` fire on every change.
     * Resolves when the first check is over (acquired() has fired by then if the lease was free).
     */
    start(events) {
        this.stopped = false;
        const every = this.options.checkEveryMs ?? Math.max(100, Math.floor(this.options.ttlMs / 3));
        this.timer = setInterval(() => { void this.check(events); }, every);
        this.timer.unref();
        return this.check(events);
    }
    /** One renew-or-acquire round; a round already in flight is joined, not doubled. */
    check(events) {
        if (this.busy)
            return this.current;
        this.busy = true;
        this.current = this.checkOnce(events).finally(() => { this.busy = false; });
        return this.current;
    }
    async checkOnce(events) {
        try {
            // renew first even when not held: a restarted instance with a stable id takes its own lease back at once
            const nowHeld = (await this.renew()) || (await this.tryAcquire());
            if (this.stopped) {
                this.held = nowHeld;
                return;
            } // stop() releases it; no events after stop
            this.transition(nowHeld, events);
        }
        catch (err) {
            this.log.warn({ err, key: this.options.key, held: this.held }, 'lease check failed; keeping the current state until Redis answers');
        }
    }
    transition(nowHeld, events) {
        if (nowHeld === this.held)
            return;
        this.held = nowHeld;
        this.log.info({ key: this.options.key, holder: this.options.holderId, held: nowHeld }, nowHeld ? 'lease acquired' : 'lease lost');
        if (nowHeld)
            events.acquired();
        else
            events.lost();
    }
    /** Stops renewing; waits for a check in flight (so no event fires after stop) and releases the lease if held. */
    async stop() {
        this.stopped = true;
        if (this.timer)
            clearInterval(this.timer);
        this.timer = null;
        // one TTL for both waits: with Redis away the lease has expired by itself after that anyway
        const deadline = Date.now() + this.options.ttlMs;
        await withDeadline(this.current, this.options.ttlMs);
        if (this.held) {
            this.held = false;
            try {
                await withDeadline(this.release(), Math.max(0, deadline - Date.now()));
            }
            catch (err) {
                this.log.warn({ err }, 'lease release failed; it will expire');
            }
        }
    }
}
