import 'dotenv/config';
import { ConfigError } from './config/load-config.js';
import { loadDeployment } from './config/load-deployment.js';
import { startDaemon } from './daemon/start-daemon.js';
import { startDeployment } from './daemon/start-deployment.js';
import { watchDeploymentFile } from './daemon/deployment-watch.js';
import { STOP_DEADLINE_MS } from './daemon/stop-deadline.js';
import { createLogger } from './log.js';
/** A configuration error (found by loadConfig, or at start-up by asking a dependency) exits with code 2. */
function exitOnConfigError(err) {
    if (err instanceof ConfigError) {
        process.stderr.write(`pbx-crm-bridge: ${err.message}\nSee .env.example and the configuration table in README.md.\n`);
        process.exit(2);
    }
}
function readDeployment() {
    try {
        return loadDeployment(process.env);
    }
    catch (err) {
        exitOnConfigError(err);
        throw err;
    }
}
async function main() {
    const deployment = readDeployment();
    const config = deployment.process;
    const secretsOf = (d) => d.tenants.flatMap((t) => t.pbxs.flatMap((p) => p.config.secrets));
    const secrets = secretsOf(deployment); // read at every line: a reload's new secrets are added before it applies
    const log = createLogger(config.logLevel, secrets);
    let daemon;
    if (deployment.file === null) {
        daemon = await startDaemon(config, log);
        log.info({ http: `${config.http.host}:${config.http.port}`, crm: config.crm.adapter, instance: daemon.instanceId }, 'daemon started');
        // without a deployment file there is nothing to reload (and node's default for SIGHUP would end the process)
        process.on('SIGHUP', () => { log.warn('SIGHUP: nothing to reload without DEPLOYMENT_FILE; restart to apply changed settings'); });
    }
    else {
        const running = await startDeployment(deployment, log);
        daemon = running;
        // SIGHUP or a change of the file: applied if the whole file is valid, else refused with its problems (the running set stays)
        const unwatch = watchDeploymentFile(deployment.file, () => loadDeployment(process.env), (next) => {
            secrets.push(...secretsOf(next).filter((x) => !secrets.includes(x)));
            return running.reload(next);
        }, log);
        const stopDeployment = running.stop;
        daemon = { instanceId: running.instanceId, stop: async () => { unwatch(); await stopDeployment(); } };
        log.info({
            http: `${config.http.host}:${config.http.port}`, tenants: deployment.tenants.map((t) => t.id), instance: running.instanceId,
        }, 'daemon started with a deployment file');
    }
    let stopping = false;
    const onSignal = (signal) => {
        if (stopping) {
            log.warn({ signal }, 'second signal; exiting at once');
            process.exit(1);
        }
        stopping = true;
        log.info({ signal }, 'stopping: draining jobs and closing connections');
        const timer = setTimeout(() => { log.error('stop took too long; exiting'); process.exit(1); }, STOP_DEADLINE_MS);
        timer.unref();
        daemon.stop().then(() => { log.info('stopped'); log.flush(); process.exit(0); }, (err) => {
            log.error({ err }, 'stop failed');
            process.exit(1);
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    process.on('unhandledRejection', (err) => { log.error({ err }, 'unhandled rejection (kept running)'); });
}
main().catch((err) => {
    exitOnConfigError(err);
    process.stderr.write(`pbx-crm-bridge: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
