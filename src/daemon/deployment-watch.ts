import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Deployment } from '../config/load-deployment.js';
import { ConfigError } from '../config/load-config.js';
import type { Logger } from '../log.js';

/** How often the file's modification time is checked (a poll: it sees editors' renames and Kubernetes' symlink swaps). */
const POLL_MS = 1000;

/**
 * Reloads the deployment on SIGHUP and when the file changes. A file that does not load is refused whole, each
 * problem logged, and the running set stays; reloads run one after another. Returns the function that stops watching.
 */
export function watchDeploymentFile(path: string, load: () => Deployment, apply: (next: Deployment) => Promise<unknown>, log: Logger,
  pollMs = POLL_MS): () => void {
  let queued: Promise<void> = Promise.resolve();
  const reload = (why: string) => {
    queued = queued.then(async () => {
      let next: Deployment;
      try {
        next = load();
      } catch (err) {
        const problems = err instanceof ConfigError ? err.problems : [err instanceof Error ? err.message : String(err)];
        log.error({ why, problems }, 'deployment file refused: nothing changed; fix these and save again (or send SIGHUP)');
        return;
      }
      try {
        await apply(next);
      } catch (err) {
        log.error({ err, why }, 'deployment reload failed part way; the tenants that started keep running');
      }
    });
  };
  const onHup = () => reload('SIGHUP');
  process.on('SIGHUP', onHup);
  const onChange = (now: Stats, before: Stats) => { if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) reload('file changed'); };
  watchFile(path, { interval: pollMs, persistent: false }, onChange);
  return () => { process.off('SIGHUP', onHup); unwatchFile(path, onChange); };
}
