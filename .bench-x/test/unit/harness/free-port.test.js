import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
function ephemeralLow() {
    try {
        return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    }
    catch {
        return 32768;
    }
}
describe('freePort', () => {
    it('gives ports below the ephemeral range (no outgoing connection can take them meanwhile) that a server can listen on', async () => {
        const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
        for (const port of ports) {
            expect(port).toBeGreaterThanOrEqual(10_000);
            expect(port).toBeLessThan(ephemeralLow());
            await new Promise((resolve, reject) => {
                const srv = createServer();
                srv.once('error', reject);
                srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
            });
        }
    });
});
