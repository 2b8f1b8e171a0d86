import { createServer } from 'node:net';
import { onTestFinished, describe, expect, it } from 'vitest';
import { memoryLogger, startTestAmiConnection, TEST_AMI_SECRET, TEST_AMI_USER } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
/** A TCP peer that is not Asterisk: greets with `greeting`, records what it is sent, counts connections. */
async function startStranger(greeting) {
    let received = '';
    let connections = 0;
    const sockets = new Set();
    const server = createServer((socket) => {
        connections += 1;
        sockets.add(socket);
        socket.on('data', (chunk) => { received += chunk.toString('utf8'); });
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
        socket.write(greeting);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise((resolve) => { for (const s of sockets)
        s.destroy(); server.close(() => resolve()); }));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { port, received: () => received, connections: () => connections };
}
describe('a peer that is not Asterisk', () => {
    it('is refused with a clear log line and state, never sent the Login, and retried with backoff', async () => {
        const stranger = await startStranger('SSH-2.0-OpenSSH_9.6\r\n');
        const { log, lines } = memoryLogger();
        const ami = startTestAmiConnection({
            host: '127.0.0.1', port: stranger.port, username: TEST_AMI_USER, secret: TEST_AMI_SECRET,
            actionTimeoutMs: 1000, pingIntervalMs: 10_000, reconnectMinMs: 40, reconnectMaxMs: 160,
        }, log);
        // the peer counts a connection when it accepts it, the client its failure once it has read the greeting: wait for both
        await waitFor(() => stranger.connections() >= 3 && ami.stats().connectFailures >= 3, { what: 'three refused attempts', timeoutMs: 5000 });
        expect(ami.state).toBe('not-asterisk');
        expect(ami.lastError?.message).toMatch(/is not an Asterisk Manager Interface: the peer greeted with "SSH-2\.0-OpenSSH_9\.6"/);
        expect(stranger.received()).not.toContain('Login');
        expect(stranger.received()).not.toContain(TEST_AMI_SECRET);
        const refused = lines().filter((l) => l.includes('AMI peer is not Asterisk; refusing to log in') && l.includes('"level":50'));
        expect(refused).toHaveLength(1); // once per burst; the retries log at debug
        expect(ami.stats().connectFailures).toBeGreaterThanOrEqual(3);
    });
    it('gives up on a silent peer at the deadline without logging in', async () => {
        const stranger = await startStranger('');
        const ami = startTestAmiConnection({
            host: '127.0.0.1', port: stranger.port, username: TEST_AMI_USER, secret: TEST_AMI_SECRET,
            actionTimeoutMs: 200, pingIntervalMs: 10_000, reconnectMinMs: 40, reconnectMaxMs: 160,
        }, memoryLogger().log);
        await waitFor(() => ami.stats().connectFailures >= 1, { what: 'the first attempt to time out', timeoutMs: 5000 });
        expect(ami.lastError?.message).toMatch(/timed out/);
        expect(stranger.received()).toBe('');
    });
});
