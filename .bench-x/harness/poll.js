/**
 * The one polling helper of test/, bench/ and scripts/: checks a condition every `intervalMs` until it holds or
 * `timeoutMs` passes. The check runs at once, then after each pause, and once more when the deadline has passed
 * (a check that became true during the last pause counts). A check that throws ends the wait with its error.
 */
const DEFAULT_INTERVAL_MS = 25;
export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
/** Resolves true once `check` holds, false when `timeoutMs` passes first. */
export async function pollUntil(check, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
        if (await check())
            return true;
        if (Date.now() >= deadline)
            return false;
        await sleep(Math.min(opts.intervalMs ?? DEFAULT_INTERVAL_MS, deadline - Date.now()));
    }
}
/** Resolves once `check` holds; rejects with `timed out after <timeoutMs> ms waiting for <what>` otherwise. */
export async function waitFor(check, opts) {
    if (await pollUntil(check, opts))
        return;
    const what = typeof opts.what === 'function' ? opts.what() : opts.what;
    throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${what}`);
}
