import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startTestAmiServer } from '../support/ami-replay.js';
import { startTestDaemon, TEST_API_TOKEN } from '../support/test-daemon.js';
import { fuzzScale } from './fuzz-scale.js';
import { expectNoServerError, expectPrototypeClean, injectJunk, junkRequest } from './junk-request.js';
import { waitFor } from '../../harness/poll.js';
const APP_TOKEN = 'daemon-fuzz-b24-app-token';
/**
 * The same junk requests as http-routes.test.ts, against the app startDaemon itself builds (real journal and contact
 * adapters, real call control over a logged-in AMI), so wiring that the hand-built fuzz app does not repeat is covered.
 */
describe('the daemon HTTP app (startDaemon) under junk requests', () => {
    it('never 5xx, errors as {error:{code,message}}, no prototype pollution, no token in the log', async () => {
        const pbx = await startTestAmiServer();
        const daemon = await startTestDaemon({
            amiPort: pbx.port,
            env: { BITRIX24_APPLICATION_TOKEN: APP_TOKEN, RATE_LIMIT_PER_TOKEN_MAX: '1000000', RATE_LIMIT_PER_EXTENSION_MAX: '1000000', KNOWN_EXTENSIONS: '201,202' },
        });
        await waitFor(() => daemon.reader.isActive && daemon.ami.state === 'connected', { what: 'the daemon to read AMI', timeoutMs: 5000 });
        await fc.assert(fc.asyncProperty(junkRequest(TEST_API_TOKEN, APP_TOKEN), async (r) => {
            const res = await injectJunk(daemon.http, r);
            if (r.path === '/ready' && res.statusCode === 503)
                return; // not ready is a 503 by design (AMI/Redis report)
            expectNoServerError(res, r.method, `${r.method} ${r.path}${r.query.slice(0, 100)} [${r.contentType ?? '-'}]`);
        }), { numRuns: 400 * fuzzScale() });
        expectPrototypeClean();
        expect(daemon.logLines().filter((l) => l.includes(TEST_API_TOKEN) || l.includes(APP_TOKEN))).toEqual([]);
    });
});
