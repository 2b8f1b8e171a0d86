import 'dotenv/config';
import { ConfigError, loadConfig } from './config/load-config.js';
import type { Config } from './config/config.js';
import { startDaemon } from './daemon/start-daemon.js';
import { STOP_DEADLINE_MS } from './daemon/stop-deadline.js';
import { createLogger } from './log.js';

/** A configuration error (found by loadConfig, or at start-up by asking a dependency) exits with code 2. */
function exitOnConfigError(err: unknown): void {
  if (err instanceof ConfigError) {
    process.stderr.write(`pbx-crm-bridge: ${err.message}\nSee .env.example and the configuration table in README.md.\n`);
    process.exit(2);
  }
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    exitOnConfigError(err);
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel, config.secrets);
  const daemon = await startDaemon(config, log);
  log.info({ http: `${config.http.host}:${config.http.port}`, crm: config.crm.adapter, instance: daemon.instanceId }, 'daemon started');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal; exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: draining jobs and closing connections');
    const timer = setTimeout(() => { log.error('stop took too long; exiting'); process.exit(1); }, STOP_DEADLINE_MS);
    timer.unref();
    daemon.stop().then(() => { log.info('stopped'); log.flush(); process.exit(0); }, (err: unknown) => {
      log.error({ err }, 'stop failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('unhandledRejection', (err) => { log.error({ err }, 'unhandled rejection (kept running)'); });
}

main().catch((err: unknown) => {
  exitOnConfigError(err);
  process.stderr.write(`pbx-crm-bridge: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
