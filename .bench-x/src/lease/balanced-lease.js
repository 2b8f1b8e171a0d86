/**
 * One lease key as a LeaseBalancer runs it, with RedisLease's API (`start`, `stop`, `isHeld`). The balancer takes,
 * renews and gives it up; the handle only records what the balancer decided and passes it on to its events.
 */
export class BalancedLease {
    key;
    owner;
    held = false;
    running = false;
    handlers = null;
    /** Changes with every change of `held`, so a reply that was sent before the change is recognised as stale. */
    changes = 0;
    constructor(key, owner) {
        this.key = key;
        this.owner = owner;
    }
    get isHeld() { return this.held; }
    /** Between start() and stop(): the balancer checks it in each round and fires its events. */
    get isActive() { return this.running; }
    get version() { return this.changes; }
    get events() { return this.running ? this.handlers : null; }
    /** Starts taking part; resolves when the first round that includes this key is over (acquired() fired if it was taken). */
    start(events) {
        this.handlers = events; // started twice: the second caller's events replace the first's
        this.running = true;
        return this.owner.open(this);
    }
    /** Stops taking part; no event fires after it; the key is freed for anyone if this instance held it. */
    stop() {
        this.running = false;
        return this.owner.close(this);
    }
    /** The balancer's record of a change (events are fired by the balancer). */
    setHeld(held) {
        if (held === this.held)
            return;
        this.held = held;
        this.changes += 1;
    }
}
