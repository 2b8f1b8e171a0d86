/** Parent side of bench/scale-load-server.ts: forks it (its own process), waits for logins, starts the streams. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopper } from './load-server.js';
export function isScaleLoadSpec(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    return typeof v.callsPerPbx === 'number' && typeof v.framesPerPbx === 'number' && typeof v.eventsPerSec === 'number' && typeof v.staggerMs === 'number' && Array.isArray(v.transcripts);
}
function isMessage(msg) {
    return typeof msg === 'object' && msg !== null && typeof msg.type === 'string';
}
const COMPILED = import.meta.url.endsWith('.js');
const CHILD = fileURLToPath(new URL(COMPILED ? './scale-load-server.js' : './scale-load-server.ts', import.meta.url));
export function startScaleLoad(spec) {
    const child = fork(CHILD, [JSON.stringify(spec)], {
        execArgv: COMPILED ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' },
    });
    let loggedIn = 0;
    const waiters = new Set();
    let done = null;
    child.on('message', (msg) => {
        if (!isMessage(msg))
            return;
        if (msg.type === 'logins') {
            loggedIn = msg.count;
            for (const w of [...waiters])
                w();
        }
        if (msg.type === 'done')
            done?.(msg);
    });
    const server = (ready) => ({
        ready,
        logins: (count, timeoutMs) => new Promise((resolve, reject) => {
            const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`${loggedIn} of ${count} PBXs logged in after ${timeoutMs} ms`)); }, timeoutMs);
            const check = () => { if (loggedIn === count) {
                clearTimeout(timer);
                waiters.delete(check);
                resolve();
            } };
            waiters.add(check);
            check();
        }),
        go: () => new Promise((resolve) => { done = resolve; child.send({ type: 'go' }); }),
        stop: stopper(child),
    });
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`scale load server exited early (code ${String(code)})`)));
        const first = (msg) => {
            if (!isMessage(msg) || msg.type !== 'ready')
                return;
            child.off('message', first);
            resolve(server(msg));
        };
        child.on('message', first);
    });
}
