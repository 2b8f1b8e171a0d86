/**
 * Parent side of bench/scale-run.ts: forks one daemon instance with the node flags of `npm start`
 * (harness/daemon-node-flags.ts; BENCH_CHILD_NODE_ARGS adds e.g. '--cpu-prof') and drives it over IPC.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
export function isInstanceCommand(msg) {
    const type = typeof msg === 'object' && msg !== null ? msg.type : null;
    return type === 'go' || type === 'finish' || type === 'stop';
}
function isMessage(msg) {
    const type = typeof msg === 'object' && msg !== null ? msg.type : null;
    return type === 'started' || type === 'result';
}
const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './scale-run.js' : './scale-run.ts', import.meta.url));
const CHILD_NODE_ARGS = [...daemonNodeFlags(), ...(process.env['BENCH_CHILD_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '')];
/** Starts one instance with `env` (DEPLOYMENT_FILE, REDIS_URL, HTTP_PORT, INSTANCE_ID, …); resolves once it runs. */
export function startInstance(env) {
    const child = fork(CHILD, [], {
        execArgv: [...(COMPILED ? [] : ['--import', 'tsx']), ...CHILD_NODE_ARGS], serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let onResult = null;
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const command = (c) => { if (child.connected)
        child.send(c); };
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`bench/scale-run exited with code ${String(code)} before it started`)));
        child.on('message', (msg) => {
            if (!isMessage(msg))
                return;
            if (msg.type === 'result') {
                onResult?.(msg.result);
                return;
            }
            resolve({
                instanceId: msg.instanceId,
                go: () => command({ type: 'go' }),
                finish: (framesPerPbx) => new Promise((res, rej) => {
                    onResult = res;
                    void exited.then(() => rej(new Error(`instance ${msg.instanceId} exited before its result`)));
                    command({ type: 'finish', framesPerPbx });
                }),
                readyPbxs: async () => {
                    const res = await fetch(`http://127.0.0.1:${env['HTTP_PORT'] ?? ''}/ready`);
                    return (await res.json()).pbx;
                },
                stop: async () => {
                    if (child.exitCode !== null || child.signalCode !== null)
                        return;
                    command({ type: 'stop' });
                    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
                    await exited;
                    clearTimeout(timer);
                },
            });
        });
    });
}
