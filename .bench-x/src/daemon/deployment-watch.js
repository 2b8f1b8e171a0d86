import { stat, statSync } from 'node:fs';
import { ConfigError } from '../config/load-config.js';
/** How often the file's modification time and size are checked (a poll: it sees editors' renames and Kubernetes' symlink swaps). */
const POLL_MS = 1000;
/**
 * Reloads the deployment on SIGHUP and when the file changes. A file that does not load is refused whole, each
 * problem logged, and the running set stays; reloads run one after another. Returns the function that stops watching.
 */
export function watchDeploymentFile(path, load, apply, log, pollMs = POLL_MS) {
    let queued = Promise.resolve();
    const reload = (why) => {
        queued = queued.then(async () => {
            let next;
            try {
                next = load();
            }
            catch (err) {
                const problems = err instanceof ConfigError ? err.problems : [err instanceof Error ? err.message : String(err)];
                log.error({ why, problems }, 'deployment file refused: nothing changed; fix these and save again (or send SIGHUP)');
                return;
            }
            try {
                await apply(next);
            }
            catch (err) {
                log.error({ err, why }, 'deployment reload failed part way; the tenants that started keep running');
            }
        });
    };
    const onHup = () => reload('SIGHUP');
    process.on('SIGHUP', onHup);
    // compared with the file as it was when this started (just after it was loaded), so a change made at once is seen
    let last = (() => { try {
        const st = statSync(path);
        return `${st.mtimeMs}:${st.size}`;
    }
    catch {
        return 'missing';
    } })();
    const timer = setInterval(() => {
        stat(path, (err, st) => {
            const now = err ? 'missing' : `${st.mtimeMs}:${st.size}`;
            if (now === last)
                return;
            last = now;
            reload(err ? 'file missing' : 'file changed'); // a missing file is refused (logged); its return is a change again
        });
    }, pollMs);
    timer.unref();
    return () => { process.off('SIGHUP', onHup); clearInterval(timer); };
}
