/**
 * The reference: the same TCP stream read by a bare asterisk-manager client (its parser and event emitter only,
 * no normalisation, tracker or queue). Counts frames with an Event header until `events` have arrived.
 */
import { performance } from 'node:perf_hooks';
import AsteriskManager from 'asterisk-manager';
import { LOAD_SECRET, LOAD_USER } from './load-server.js';
import { EMPTY_METER, RunMeter } from './run-meter.js';
function isStreamEvent(item) {
    if (typeof item !== 'object' || item === null || !('event' in item))
        return false;
    return item.event !== 'FullyBooted';
}
export async function runReference(port, events) {
    const manager = AsteriskManager(undefined, '127.0.0.1', LOAD_USER, LOAD_SECRET, true);
    manager.on('error', () => undefined);
    let meter = null;
    let firstMs = 0;
    let count = 0;
    const done = new Promise((resolve) => {
        manager.on('rawevent', (item) => {
            if (count >= events || !isStreamEvent(item))
                return;
            if (count === 0) {
                firstMs = performance.now();
                meter = new RunMeter();
            }
            count += 1;
            if (count === events) {
                resolve(performance.now());
                manager.disconnect();
            }
        });
    });
    await new Promise((resolve) => manager.connect(port, '127.0.0.1', () => resolve()));
    await new Promise((resolve, reject) => manager.login((err) => (err ? reject(new Error('reference login failed')) : resolve())));
    const lastMs = await done;
    const measured = meter?.stop() ?? EMPTY_METER;
    return { ...measured, events: count, streamMs: lastMs - firstMs };
}
