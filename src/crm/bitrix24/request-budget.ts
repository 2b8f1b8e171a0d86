/**
 * Client-side copy of Bitrix24's leaky bucket (docs/bitrix24-telephony.md §5): every request adds 1, the level drains
 * at `ratePerSec`, and we never let it pass `burst`, so the portal never answers QUERY_LIMIT_EXCEEDED because of us.
 * One budget per process; several processes on one portal share the server's bucket and rely on retries.
 */
export interface RequestBudgetOptions {
  readonly ratePerSec: number;
  readonly burst: number;
  readonly nowMs?: () => number;
}

export class RequestBudget {
  private level = 0;
  private updatedAtMs: number;
  private readonly nowMs: () => number;

  constructor(private readonly options: RequestBudgetOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.updatedAtMs = this.nowMs();
  }

  /** Current level after draining. */
  currentLevel(): number {
    this.drain();
    return this.level;
  }

  /** Milliseconds until one more request fits; 0 when it fits now. */
  waitMs(): number {
    this.drain();
    const excess = this.level + 1 - this.options.burst;
    return excess <= 0 ? 0 : Math.ceil((excess * 1000) / this.options.ratePerSec);
  }

  /** Takes one request from the budget if it fits now; returns false when the caller must wait `waitMs()`. */
  tryTake(): boolean {
    if (this.waitMs() > 0) return false;
    this.level += 1;
    return true;
  }

  /** A request taken but not made after all (everything in it was dropped): its place is free again. */
  giveBack(): void {
    this.drain();
    this.level = Math.max(0, this.level - 1);
  }

  /** The portal said the bucket is full (another client shares it): behave as if ours were full too. */
  markExhausted(): void {
    this.drain();
    this.level = Math.max(this.level, this.options.burst);
  }

  private drain(): void {
    const now = this.nowMs();
    const drained = ((now - this.updatedAtMs) / 1000) * this.options.ratePerSec;
    this.level = Math.max(0, this.level - drained);
    this.updatedAtMs = now;
  }
}
