import { describe, expect, it } from 'vitest';
import { memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions, TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
describe('AMI login failures', () => {
    it('reports a wrong secret clearly as auth-failed, keeps retrying without crashing, and recovers when fixed', async () => {
        const server = await startTestAmiServer({ secret: 'the-pbx-has-another-secret' });
        const { log, lines } = memoryLogger();
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        const connected = [];
        ami.onConnected((info) => connected.push(info.reconnect));
        await waitFor(() => ami.stats().authFailures >= 3, { what: 'three failed logins', timeoutMs: 5000 });
        expect(ami.state).toBe('auth-failed');
        expect(ami.lastError?.message).toBe('AMI login failed for user crm: Authentication failed — check AMI_USERNAME/AMI_SECRET and manager.conf permit/deny');
        await expect(ami.waitConnected(100)).rejects.toThrow(/AMI login failed for user crm: Authentication failed/);
        await expect(ami.action('Ping', {})).rejects.toMatchObject({ kind: 'not-connected' });
        const errorLines = lines().filter((l) => l.includes('"level":50') && l.includes('AMI login failed'));
        expect(errorLines).toHaveLength(1); // once per burst, the retries log at debug
        server.setSecret(TEST_AMI_SECRET);
        await ami.waitConnected(3000);
        expect(ami.state).toBe('connected');
        expect(ami.lastError).toBeNull();
        expect(connected).toEqual([false]);
        expect(lines().join('\n')).not.toContain(TEST_AMI_SECRET);
        expect(String(await ami.waitConnected(1).catch((err) => err))).not.toContain(TEST_AMI_SECRET);
    });
    it('caps the retry interval at reconnectMaxMs', async () => {
        const server = await startTestAmiServer({ secret: 'other', authFailDelayMs: 0 });
        const ami = startTestAmiConnection(testAmiOptions(server, { reconnectMinMs: 20, reconnectMaxMs: 60 }), memoryLogger().log);
        const started = Date.now();
        await waitFor(() => ami.stats().authFailures >= 8, { what: 'eight failed logins', timeoutMs: 3000 });
        expect(Date.now() - started).toBeLessThan(8 * (60 + 150));
    });
    it('fails to connect to a closed port without crashing and counts the failures', async () => {
        const server = await startTestAmiServer();
        const port = server.port;
        await server.close();
        const { log, lines } = memoryLogger();
        const ami = startTestAmiConnection({ ...testAmiOptions(server), port }, log);
        await waitFor(() => ami.stats().connectFailures >= 2, { what: 'two connect failures', timeoutMs: 5000 });
        expect(ami.state).toBe('disconnected');
        const failed = lines().filter((l) => l.includes('AMI connect failed') && l.includes('"level":40'));
        expect(failed).toHaveLength(1);
        // the refusal is said as such, with the target, not as a connection "closed by peer"
        expect(failed[0]).toContain(`connection refused to 127.0.0.1:${port}`);
        expect(failed[0]).not.toContain('closed by peer');
        expect(ami.lastError?.message).toBe(`AMI connection refused to 127.0.0.1:${port}`);
    });
});
