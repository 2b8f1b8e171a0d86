/**
 * Pre-summed blocks of report counters: level k holds the sum of BLOCK_FANOUT^k consecutive UTC hours, block i of level
 * k covering hours [i·size, (i+1)·size). Level 0 is the hour itself. A period is cut into at most
 * 2·(BLOCK_FANOUT − 1) blocks per level (plus whole top-level blocks), so a report reads a few dozen hashes whatever
 * its length. UTC hours are the atoms, so this is the same in every time zone: a local day in a whole-hour zone is a
 * run of whole UTC hours. Each journaled call bumps one block per level: a fan-out of 4 (6 levels) would halve those
 * writes for about 1.4 times the hashes a report sums; bench/reports measured 2 faster (README, Benchmarks).
 */
export const BLOCK_FANOUT = 2;
/** The highest level: 2^13 hours ≈ 341 days (a report covers at most REPORT_MAX_DAYS, so one or two of them). */
export const BLOCK_LEVELS = 13;
/** How many hours a block of this level covers. */
export function blockSize(level) {
    return BLOCK_FANOUT ** level;
}
/** The first and one-past-last UTC hour a block covers. */
export function blockHours(b) {
    const size = blockSize(b.level);
    return [b.index * size, (b.index + 1) * size];
}
/** The blocks that cover the hours [h0, h1) exactly once, oldest first: each the largest aligned one that fits. */
export function planBlocks(h0, h1, maxLevel = BLOCK_LEVELS) {
    const out = [];
    let h = h0;
    while (h < h1) {
        let level = 0;
        while (level < maxLevel && h % blockSize(level + 1) === 0 && h + blockSize(level + 1) <= h1)
            level += 1;
        out.push({ level, index: h / blockSize(level) });
        h += blockSize(level);
    }
    return out;
}
/** The BLOCK_FANOUT blocks one level down that make up a block of level ≥ 1, oldest first. */
export function parts(b) {
    return Array.from({ length: BLOCK_FANOUT }, (_, i) => ({ level: b.level - 1, index: BLOCK_FANOUT * b.index + i }));
}
