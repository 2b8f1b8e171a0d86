import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, BlockPool, EntryChain } from '../../../src/trace/trace-blocks.js';

describe('EntryChain', () => {
  it('gives back exactly the entries appended, multibyte ones at block ends included, and returns its blocks', () => {
    const pool = new BlockPool();
    const chain = new EntryChain(pool);
    const entries: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      const entry = `${'я'.repeat(i % 700)}${'€'.repeat(i % 3)}|${i}`;
      entries.push(entry);
      expect(chain.append([entry.slice(0, 5), entry.slice(5)])).toBe(true);
    }
    expect(chain.count).toBe(500);
    const chunks = chain.chunks();
    expect(chunks.join('').split('\n').slice(0, -1)).toEqual(entries);
    expect(chunks.every((c) => Buffer.byteLength(c) <= BLOCK_BYTES)).toBe(true);
    expect(chain.count).toBe(0);
    expect(pool.sizes.free).toBe(pool.sizes.allocated);
  });

  it('keeps an entry bigger than a block as its own string, in its place', () => {
    const chain = new EntryChain(new BlockPool());
    const big = 'x'.repeat(BLOCK_BYTES * 2);
    chain.append(['a']);
    chain.append([big]);
    chain.append(['b']);
    expect(chain.chunks()).toEqual(['a\n', `${big}\n`, 'b\n']);
  });

  it('lets slabs go after a burst, keeping some free blocks for the next one', () => {
    const pool = new BlockPool();
    const chain = new EntryChain(pool);
    for (let i = 0; i < 20_000; i += 1) expect(chain.append(['z'.repeat(1000)])).toBe(true); // ≈ 5,000 blocks
    const peak = pool.sizes.allocated;
    expect(peak).toBeGreaterThan(4000);
    chain.chunks();
    expect(pool.sizes.free).toBe(pool.sizes.allocated);
    expect(pool.sizes.allocated).toBeLessThan(peak);
    expect(pool.sizes.allocated).toBeGreaterThanOrEqual(2048);
    expect(pool.sizes.allocated).toBeLessThanOrEqual(2048 + 64);
    for (let i = 0; i < 100; i += 1) chain.append(['z'.repeat(1000)]); // and they serve again
    expect(chain.chunks()).toHaveLength(25);
  });

  it('reuses the blocks it gave back rather than allocating more', () => {
    const pool = new BlockPool();
    const chain = new EntryChain(pool);
    for (let round = 0; round < 100; round += 1) {
      for (let i = 0; i < 20; i += 1) chain.append(['y'.repeat(1000)]);
      chain.chunks();
    }
    expect(pool.sizes.allocated).toBe(64); // one slab
  });
});
