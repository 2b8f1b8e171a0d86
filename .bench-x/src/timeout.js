/**
 * Settles like `promise`, or with what `onTimeout` returns (or throws) once `ms` have passed, whichever comes first.
 * The timer is always cleared; the promise itself keeps running (its later result is dropped).
 */
export async function withTimeout(promise, ms, onTimeout) {
    let timer;
    const timedOut = new Promise((resolve, reject) => {
        timer = setTimeout(() => {
            try {
                resolve(onTimeout());
            }
            catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
            }
        }, ms);
    });
    try {
        return await Promise.race([promise, timedOut]);
    }
    finally {
        clearTimeout(timer);
    }
}
