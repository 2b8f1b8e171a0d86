import { connect } from 'node:net';
import { onTestFinished } from 'vitest';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
/** A raw TCP client of the daemon's HTTP port; destroyed when the test finishes. */
function openClient(port) {
    return new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port });
        const client = { socket, openedAtMs: Date.now(), closedAtMs: null, received: '' };
        socket.on('data', (d) => { client.received += d.toString('latin1'); });
        socket.on('error', () => { });
        socket.on('close', () => { client.closedAtMs = Date.now(); });
        socket.once('connect', () => resolve(client));
        socket.once('error', reject);
        onTestFinished(() => { socket.destroy(); });
    });
}
/** Sends a request's headers one byte every `everyMs`, never finishing them (a slowloris client). */
function dribbleHeaders(client, everyMs) {
    const text = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'a'.repeat(10_000)}`;
    let i = 0;
    const timer = setInterval(() => {
        if (client.closedAtMs !== null || i >= text.length) {
            clearInterval(timer);
            return;
        }
        client.socket.write(text.charAt(i));
        i += 1;
    }, everyMs);
    onTestFinished(() => clearInterval(timer));
}
async function listeningDaemon(env) {
    const port = await freePort();
    const daemon = await startTestDaemon({ amiPort: await freePort(), env: { HTTP_PORT: String(port), ...env }, options: { listen: true } });
    return { daemon, port };
}
async function healthStatus(port) {
    try {
        const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000), headers: { connection: 'close' } });
        return res.status;
    }
    catch {
        return 'refused';
    }
}
function openConnections(daemon) {
    return new Promise((resolve, reject) => daemon.http.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}
describe('the HTTP server bounds what clients can hold open', () => {
    it('closes a silent connection and one that dribbles its headers once HTTP_HEADERS_TIMEOUT_MS has passed', async () => {
        const { daemon, port } = await listeningDaemon({
            HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '800', HTTP_IDLE_TIMEOUT_MS: '5000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
        });
        const silent = await openClient(port);
        const slow = await openClient(port);
        dribbleHeaders(slow, 20); // a byte every 20 ms: never idle, so only the headers deadline can end it
        await waitFor(async () => silent.closedAtMs !== null && slow.closedAtMs !== null, { what: 'both slow connections to be closed', timeoutMs: 5000 });
        for (const c of [silent, slow])
            expect((c.closedAtMs ?? 0) - c.openedAtMs).toBeGreaterThanOrEqual(350);
        expect(slow.received).toMatch(/^HTTP\/1\.1 408/); // node answers "Request Timeout" before closing
        expect(await healthStatus(port)).toBe(200);
        expect(await openConnections(daemon)).toBeLessThanOrEqual(1);
    });
    it('refuses connections beyond HTTP_MAX_CONNECTIONS and answers again once the held ones are gone', async () => {
        const { daemon, port } = await listeningDaemon({
            HTTP_MAX_CONNECTIONS: '4', HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '20000', HTTP_IDLE_TIMEOUT_MS: '20000',
        });
        const held = await Promise.all([1, 2, 3, 4].map(() => openClient(port)));
        await waitFor(async () => (await openConnections(daemon)) === 4, { what: 'the server to hold four connections', timeoutMs: 3000 });
        const extra = await openClient(port);
        await waitFor(async () => extra.closedAtMs !== null, { what: 'the fifth connection to be closed', timeoutMs: 3000 });
        expect(extra.received).toBe('');
        expect(await healthStatus(port)).toBe('refused');
        expect(held.every((c) => c.closedAtMs === null)).toBe(true);
        for (const c of held)
            c.socket.destroy();
        await waitFor(async () => (await healthStatus(port)) === 200, { what: 'the daemon to answer /health again', timeoutMs: 3000 });
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
        expect(Number(/^pcb_http_connections_dropped_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2); // the extra socket and the fetch
    });
});
