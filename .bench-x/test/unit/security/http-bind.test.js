import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { freePort } from '../../../harness/redis/private-redis.js';
import { startTestAmiServer } from '../../support/ami-replay.js';
import { startTestDaemon } from '../../support/test-daemon.js';
const MINIMAL = { AMI_USERNAME: 'crm', AMI_SECRET: 'crm-secret-1', API_TOKEN: 'a-long-enough-token-123' };
describe('network exposure defaults', () => {
    it('HTTP and FastAGI bind to 127.0.0.1 unless configured', () => {
        const config = loadConfig(MINIMAL);
        expect(config.http.host).toBe('127.0.0.1');
        expect(config.callControl.agi.host).toBe('127.0.0.1');
        expect(config.callControl.agi.enabled).toBe(false);
    });
    it('HTTP_HOST / AGI_HOST are honoured when set', () => {
        const config = loadConfig({ ...MINIMAL, HTTP_HOST: '0.0.0.0', AGI_HOST: '10.0.0.5' });
        expect(config.http.host).toBe('0.0.0.0');
        expect(config.callControl.agi.host).toBe('10.0.0.5');
    });
    it('a daemon started with the defaults listens on 127.0.0.1 only', async () => {
        const pbx = await startTestAmiServer();
        const port = await freePort();
        const daemon = await startTestDaemon({ amiPort: pbx.port, env: { HTTP_PORT: String(port) }, options: { listen: true } });
        const address = daemon.http.server.address();
        expect(address).toMatchObject({ address: '127.0.0.1', port });
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status).toBe(200);
    });
});
