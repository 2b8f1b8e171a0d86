import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../../src/crm/crm-errors.js';
import { EventBuffer } from '../../../src/queue/event-buffer.js';
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

describe('EventBuffer', () => {
  it('keeps order, refuses when full and counts', () => {
    const b = new EventBuffer<number>(3);
    expect([1, 2, 3, 4].map((n) => b.push(n))).toEqual([true, true, true, false]);
    expect(b.take(2)).toEqual([1, 2]);
    expect(b.push(5)).toBe(false);                       // taken batches still count against the bound
    b.stored(2);
    expect(b.counters()).toEqual({ buffered: 1, accepted: 3, flushed: 2, dropped: 2 });
  });

  it('puts a batch that could not be written back in front of newer events', () => {
    const b = new EventBuffer<number>(10);
    [1, 2, 3].forEach((n) => b.push(n));
    const batch = b.take(2);
    b.push(4);
    b.putBack(batch);
    expect(b.take(10)).toEqual([1, 2, 3, 4]);
    b.discard(4);
    expect(b.counters()).toEqual({ buffered: 0, accepted: 4, flushed: 0, dropped: 4 });
  });
});
