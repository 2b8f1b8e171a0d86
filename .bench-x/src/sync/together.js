/** Runs independent steps together (so the adapter can put them in one request), waits for all, rethrows the first failure. */
export async function together(steps) {
    const results = await Promise.allSettled(steps.map((step) => step()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
