import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../src/pbx/reconnect-backoff.js';
describe('reconnectDelayMs', () => {
    it('doubles the ceiling per attempt and draws from its upper half', () => {
        expect(reconnectDelayMs(1, 500, 30_000, () => 1)).toBe(500);
        expect(reconnectDelayMs(2, 500, 30_000, () => 1)).toBe(1000);
        expect(reconnectDelayMs(3, 500, 30_000, () => 1)).toBe(2000);
        expect(reconnectDelayMs(3, 500, 30_000, () => 0)).toBe(1000);
    });
    it('never exceeds the maximum, however many attempts failed', () => {
        for (const attempt of [10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
            for (const r of [0, 0.5, 0.999])
                expect(reconnectDelayMs(attempt, 500, 30_000, () => r)).toBeLessThanOrEqual(30_000);
        }
        expect(reconnectDelayMs(1000, 500, 30_000, () => 1)).toBe(30_000);
    });
    it('spreads retries (jitter) so restarted daemons do not reconnect in lock-step', () => {
        const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => reconnectDelayMs(6, 500, 30_000, () => r)));
        expect(delays.size).toBe(4);
    });
    it('stays positive for attempt 0 or a minimum above the maximum', () => {
        expect(reconnectDelayMs(0, 500, 30_000, () => 0)).toBeGreaterThan(0);
        expect(reconnectDelayMs(1, 5000, 1000, () => 1)).toBe(1000);
    });
});
