export class RequestBudget {
    options;
    level = 0;
    updatedAtMs;
    nowMs;
    constructor(options) {
        this.options = options;
        this.nowMs = options.nowMs ?? Date.now;
        this.updatedAtMs = this.nowMs();
    }
    /** Current level after draining. */
    currentLevel() {
        this.drain();
        return this.level;
    }
    /** Milliseconds until one more request fits; 0 when it fits now. */
    waitMs() {
        this.drain();
        const excess = this.level + 1 - this.options.burst;
        return excess <= 0 ? 0 : Math.ceil((excess * 1000) / this.options.ratePerSec);
    }
    /** Takes one request from the budget if it fits now; returns false when the caller must wait `waitMs()`. */
    tryTake() {
        if (this.waitMs() > 0)
            return false;
        this.level += 1;
        return true;
    }
    /** A request taken but not made after all (everything in it was dropped): its place is free again. */
    giveBack() {
        this.drain();
        this.level = Math.max(0, this.level - 1);
    }
    /** The portal said the bucket is full (another client shares it): behave as if ours were full too. */
    markExhausted() {
        this.drain();
        this.level = Math.max(this.level, this.options.burst);
    }
    drain() {
        const now = this.nowMs();
        const drained = ((now - this.updatedAtMs) / 1000) * this.options.ratePerSec;
        this.level = Math.max(0, this.level - drained);
        this.updatedAtMs = now;
    }
}
