import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId } from '../../../src/console/stream-id.js';

describe('stream ids', () => {
  it('compares by time, then by sequence, as numbers', () => {
    expect(compareStreamIds('1700000000000-0', '1700000000000-1')).toBeLessThan(0);
    expect(compareStreamIds('1700000000001-0', '1700000000000-9')).toBeGreaterThan(0);
    expect(compareStreamIds('999-10', '999-9')).toBeGreaterThan(0);
    expect(compareStreamIds('5-5', '5-5')).toBe(0);
  });

  it('accepts only <ms>-<seq>', () => {
    expect(isStreamId('1700000000000-3')).toBe(true);
    for (const bad of ['', '$', '+', '1700000000000', '1-2-3', '../1-2', '1-2\n']) expect(isStreamId(bad)).toBe(false);
  });
});
