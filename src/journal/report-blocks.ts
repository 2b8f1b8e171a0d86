/**
 * Pre-summed blocks of report counters: level k holds the sum of 2^k consecutive UTC hours, block i of level k covering
 * hours [i·2^k, (i+1)·2^k). Level 0 is the hour itself. A period of H hours is the disjoint union of at most
 * 2·BLOCK_LEVELS + H / 2^BLOCK_LEVELS blocks, so a report reads a few dozen hashes whatever its length. UTC hours are
 * the atoms, so this is the same in every time zone: a local day in a whole-hour zone is a run of whole UTC hours.
 */

/** The highest level: 2^13 hours ≈ 341 days (a report covers at most REPORT_MAX_DAYS). */
export const BLOCK_LEVELS = 13;

export interface Block {
  readonly level: number;
  readonly index: number;
}

/** The first and one-past-last UTC hour a block covers. */
export function blockHours(b: Block): [number, number] {
  const size = 2 ** b.level;
  return [b.index * size, (b.index + 1) * size];
}

/** The blocks that cover the hours [h0, h1) exactly once, oldest first: each the largest aligned one that fits. */
export function planBlocks(h0: number, h1: number, maxLevel = BLOCK_LEVELS): Block[] {
  const out: Block[] = [];
  let h = h0;
  while (h < h1) {
    let level = 0;
    while (level < maxLevel && h % 2 ** (level + 1) === 0 && h + 2 ** (level + 1) <= h1) level += 1;
    out.push({ level, index: h / 2 ** level });
    h += 2 ** level;
  }
  return out;
}

/** The two halves of a block of level ≥ 1. */
export function halves(b: Block): [Block, Block] {
  return [{ level: b.level - 1, index: 2 * b.index }, { level: b.level - 1, index: 2 * b.index + 1 }];
}
