import { describe, expect, it } from 'vitest';
import { TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startDaemonThenPbx, TEST_API_TOKEN, waitForJournal } from '../../support/test-daemon.js';
import { waitFor } from '../../../harness/poll.js';
describe('secrets in logs', () => {
    it('never writes the AMI secret or the API token, through a wrong password, a call and junk HTTP requests', async () => {
        // memoryLogger scrubs nothing (production's createLogger also scrubs configured secrets): this checks the code itself.
        const { daemon, pbx } = await startDaemonThenPbx({
            transcripts: [fixtureWithLeadIn('recorded-call.ami')], speed: 4, secret: 'the-pbx-was-given-another-secret',
        }, { env: { LOG_LEVEL: 'trace' } });
        await waitFor(() => daemon.ami.stats().authFailures >= 2, { what: 'failed logins', timeoutMs: 5000 });
        pbx.setSecret(TEST_AMI_SECRET);
        await waitForJournal(daemon, 1);
        const inject = (opts) => daemon.http.inject(opts);
        const junk = [
            await inject({ method: 'GET', url: '/v1/nowhere', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'x-api-token': TEST_API_TOKEN } }),
            await inject({ method: 'GET', url: '/v1/calls', headers: { authorization: `Bearer ${TEST_API_TOKEN}-but-longer` } }),
            await inject({ method: 'GET', url: '/v1/calls', headers: { authorization: `Basic ${Buffer.from(`u:${TEST_API_TOKEN}`).toString('base64')}` } }),
            await inject({ method: 'GET', url: `/v1/calls?token=${TEST_API_TOKEN}`, headers: { authorization: `Bearer ${TEST_API_TOKEN}` } }),
            await inject({ method: 'GET', url: `/v1/calls/${TEST_API_TOKEN}`, headers: { authorization: `Bearer ${TEST_API_TOKEN}`, cookie: `s=${TEST_AMI_SECRET}` } }),
            await inject({
                method: 'POST', url: '/v1/calls', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' },
                payload: `{"token":"${TEST_API_TOKEN}","secret":"${TEST_AMI_SECRET}",`,
            }),
        ];
        expect(junk.map((r) => r.statusCode)).toEqual([404, 401, 401, 400, 404, expect.any(Number)]);
        for (const res of junk.slice(0, 4))
            expect(res.body).not.toContain(TEST_API_TOKEN);
        expect(junk[5]?.statusCode).toBeGreaterThanOrEqual(400);
        expect(junk[5]?.body).not.toContain(TEST_AMI_SECRET);
        const lines = daemon.logLines();
        expect(lines.length).toBeGreaterThan(10);
        expect(lines.some((l) => l.includes('AMI login failed'))).toBe(true);
        const leaks = lines.filter((l) => l.includes(TEST_AMI_SECRET) || l.includes(TEST_API_TOKEN));
        expect(leaks).toEqual([]);
    });
});
