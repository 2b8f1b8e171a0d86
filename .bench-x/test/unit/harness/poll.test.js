import { describe, expect, it } from 'vitest';
import { pollUntil, sleep, waitFor } from '../../../harness/poll.js';
describe('harness/poll', () => {
    it('waitFor resolves as soon as the check holds, checking every intervalMs', async () => {
        let calls = 0;
        const started = Date.now();
        await waitFor(() => (calls += 1) >= 3, { what: 'three checks', timeoutMs: 2000, intervalMs: 20 });
        expect(calls).toBe(3);
        expect(Date.now() - started).toBeGreaterThanOrEqual(35);
        expect(Date.now() - started).toBeLessThan(1000);
    });
    it('waitFor takes async checks and does not wait when the first check holds', async () => {
        const started = Date.now();
        await waitFor(async () => true, { what: 'nothing', timeoutMs: 1000, intervalMs: 500 });
        expect(Date.now() - started).toBeLessThan(100);
    });
    it('waitFor rejects after timeoutMs naming what it waited for; a function `what` is read at the timeout', async () => {
        let seen = 0;
        const started = Date.now();
        await expect(waitFor(() => { seen += 1; return false; }, { what: 'the impossible', timeoutMs: 120 }))
            .rejects.toThrow('timed out after 120 ms waiting for the impossible');
        expect(Date.now() - started).toBeGreaterThanOrEqual(115);
        await expect(waitFor(() => false, { what: () => `${seen} checks`, timeoutMs: 30 })).rejects.toThrow(`waiting for ${seen} checks`);
    });
    it('checks once more at the deadline, so a condition met during the last pause counts', async () => {
        let ready = false;
        setTimeout(() => { ready = true; }, 60);
        expect(await pollUntil(() => ready, { timeoutMs: 80, intervalMs: 1000 })).toBe(true);
    });
    it('pollUntil resolves false at the timeout instead of throwing', async () => {
        expect(await pollUntil(() => false, { timeoutMs: 50, intervalMs: 10 })).toBe(false);
    });
    it('a check that throws ends the wait with its error', async () => {
        await expect(waitFor(() => { throw new Error('check broke'); }, { what: 'x', timeoutMs: 1000 })).rejects.toThrow('check broke');
    });
    it('sleep waits at least the given time and treats negative times as zero', async () => {
        const started = Date.now();
        await sleep(40);
        expect(Date.now() - started).toBeGreaterThanOrEqual(38);
        await sleep(-5);
    });
});
