import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../../../src/crm/bitrix24/request-budget.js';
describe('RequestBudget', () => {
    it('lets a burst of 50 through, then one request per 500 ms at 2/s', () => {
        let now = 0;
        const budget = new RequestBudget({ ratePerSec: 2, burst: 50, nowMs: () => now });
        for (let i = 0; i < 50; i++)
            expect(budget.tryTake()).toBe(true);
        expect(budget.tryTake()).toBe(false);
        expect(budget.waitMs()).toBe(500);
        now += 499;
        expect(budget.tryTake()).toBe(false);
        now += 1;
        expect(budget.tryTake()).toBe(true);
        now += 10_000;
        expect(budget.currentLevel()).toBeCloseTo(30);
    });
    it('treats the bucket as full after the portal said QUERY_LIMIT_EXCEEDED', () => {
        let now = 0;
        const budget = new RequestBudget({ ratePerSec: 5, burst: 250, nowMs: () => now });
        budget.markExhausted();
        expect(budget.waitMs()).toBe(200);
        now += 200;
        expect(budget.tryTake()).toBe(true);
    });
});
