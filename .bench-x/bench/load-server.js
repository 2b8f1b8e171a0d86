/** Parent side of bench/ami-load-server.ts: forks it (its own process, so it does not share the bench's core) and waits for its port. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
export const LOAD_USER = 'bench';
export const LOAD_SECRET = 'bench-secret';
export function isLoadServerSpec(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    return typeof v.calls === 'number' && typeof v.rounds === 'number' && typeof v.eventsPerSec === 'number' && Array.isArray(v.transcripts);
}
/** Runs under tsx from the sources, or as plain node when the bench was compiled to .js. */
const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './ami-load-server.js' : './ami-load-server.ts', import.meta.url));
function isReady(msg) {
    return typeof msg === 'object' && msg !== null && 'port' in msg && 'framesPerRound' in msg;
}
/** Stops a child process: disconnects its IPC channel, SIGKILL after 3 s if it has not exited. */
export function stopper(child) {
    return async () => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        const exited = new Promise((resolve) => child.once('exit', () => resolve()));
        if (child.connected)
            child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
    };
}
/** Starts the AMI load server: `spec.calls` concurrent copies of the transcripts, `spec.rounds` times. */
export function startLoadServer(spec) {
    const child = fork(CHILD, [JSON.stringify(spec)], {
        execArgv: COMPILED ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, NODE_OPTIONS: '' }, // heap flags given to the bench are for the measured process, not the load server
    });
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`AMI load server exited early (code ${String(code)})`)));
        child.once('message', (msg) => {
            if (!isReady(msg)) {
                reject(new Error('AMI load server sent an unexpected message'));
                return;
            }
            resolve({ port: msg.port, framesPerRound: msg.framesPerRound, stop: stopper(child) });
        });
    });
}
