import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../../src/errors.js';
import { jobIdFor } from '../../../src/queue/job-id.js';
import { RETRY_MAX_DELAY_MS, retryDelayMs } from '../../../src/queue/retry-backoff.js';
describe('retryDelayMs', () => {
    it('doubles from one second and caps', () => {
        expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([1000, 2000, 4000, 8000]);
        expect(retryDelayMs(50)).toBe(RETRY_MAX_DELAY_MS);
    });
    it('waits at least the retry-after the CRM asked for', () => {
        expect(retryDelayMs(1, new RetryableError('rate limited', 7000))).toBe(7000);
        expect(retryDelayMs(4, new RetryableError('rate limited', 10))).toBe(8000);
    });
});
describe('jobIdFor', () => {
    it('builds call-seq ids without colons', () => {
        expect(jobIdFor('1700000000.12', 3)).toBe('1700000000.12-3');
        expect(jobIdFor('a:b', 0)).toBe('a_b-0');
    });
});
