/**
 * Multiplier for every property's run count: 1 by default (each fuzz file stays well under 10 s);
 * `FUZZ_SCALE=50 npx vitest run test/fuzz` for a long bug hunt.
 */
export function fuzzScale() {
    const n = Number(process.env['FUZZ_SCALE'] ?? '1');
    return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}
